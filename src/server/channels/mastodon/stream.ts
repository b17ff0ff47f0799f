import WebSocket from "ws";
import type { Logger } from "../../logger.ts";
import { truncate } from "../http.ts";
import { publicOnlyLookup } from "../outboundGuard.ts";
import type { MastodonClient } from "./api.ts";
import { discoverStreaming } from "./discovery.ts";
import { parseStreamFrame, type StreamEvent } from "./streamEvents.ts";

export type StreamStatus = "connected" | "disconnected" | "unavailable";

/** What the owner of a stream does with it; each call runs after the previous one finished. */
export interface StreamHooks {
  /** Right after the socket opens, before any of its events: fetch what was missed meanwhile. */
  catchUp(): Promise<void>;
  handle(event: StreamEvent): Promise<void>;
  status(status: StreamStatus): Promise<void>;
}

export interface StreamTiming {
  /** First reconnection delay; doubles on each failure up to `maxBackoffMs`, with jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A connection that lived this long was healthy: the next failure starts from the base. */
  stableMs: number;
  /** Delay before asking again an instance that offers no streaming (or refused the token). */
  unavailableRetryMs: number;
  /** Pings the server this often; a socket silent for a whole interval is dropped. */
  heartbeatMs: number;
  /** While connected, a catch-up poll this often, as a safety net for an event lost upstream. */
  safetyPollMs: number;
}

export const DEFAULT_TIMING: StreamTiming = {
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
  stableMs: 30_000,
  unavailableRetryMs: 5 * 60_000,
  heartbeatMs: 30_000,
  safetyPollMs: 5 * 60_000,
};

const MAX_FRAME_BYTES = 8 * 1024 * 1024;

interface Connection {
  socket: WebSocket;
  openedAt: number | null;
  /** False once a step failed: its remaining events are dropped and a catch-up will follow. */
  usable: boolean;
  alive: boolean;
  refused: string | null;
  timers: NodeJS.Timeout[];
}

/**
 * One channel's WebSocket to its Mastodon server's streaming API (`stream=user`: the account's
 * notifications, home-feed edits and deletions). Discovers the streaming host and checks its
 * health before each connection; authenticates with `Authorization: Bearer`, the approach the
 * documentation recommends (the token never appears in a URL, so never in access logs);
 * reconnects with exponential backoff and full jitter; and falls back to "unavailable" (the
 * owner polls) when the instance offers no streaming. Never throws: every failure is logged.
 */
export class MastodonStream {
  readonly #client: MastodonClient;
  readonly #log: Logger;
  readonly #hooks: StreamHooks;
  readonly #timing: StreamTiming;
  #connection: Connection | null = null;
  #retry: NodeJS.Timeout | null = null;
  #failures = 0;
  #stopped = false;
  #steps: Promise<void> = Promise.resolve();

  constructor(options: {
    client: MastodonClient;
    log: Logger;
    hooks: StreamHooks;
    timing?: Partial<StreamTiming>;
  }) {
    this.#client = options.client;
    this.#log = options.log;
    this.#hooks = options.hooks;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const connection = this.#connection;
    if (connection) {
      connection.usable = false;
      this.#clearTimers(connection);
      connection.socket.close(1000, "Relais is stopping");
      // A socket still connecting, or a server that does not answer the close, is cut.
      setTimeout(() => connection.socket.terminate(), 1_000).unref();
    }
    await this.#steps;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#connect().catch((error: unknown) => this.#unavailable(String(error)));
    }, delayMs);
    this.#retry.unref();
  }

  /** Exponential backoff with full jitter (a random delay between half and all of the step). */
  #backoff(): number {
    const step = Math.min(this.#timing.maxBackoffMs, this.#timing.backoffMs * 2 ** this.#failures);
    this.#failures += 1;
    return Math.round(step / 2 + (Math.random() * step) / 2);
  }

  #unavailable(reason: string): void {
    this.#log.info({ reason }, "Mastodon streaming unavailable; polling instead");
    this.#step(() => this.#hooks.status("unavailable"));
    const retry = this.#timing.unavailableRetryMs;
    this.#schedule(Math.round(retry * (0.8 + Math.random() * 0.4)));
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const discovery = await discoverStreaming(this.#client).catch((error: unknown) => ({
      ok: false as const,
      reason: String(error),
    }));
    if (this.#stopped) return;
    if (!discovery.ok) {
      this.#unavailable(discovery.reason);
      return;
    }
    const socket = new WebSocket(discovery.socketUrl, {
      headers: { authorization: `Bearer ${this.#client.accessToken}` },
      handshakeTimeout: this.#client.timeoutMs,
      maxPayload: MAX_FRAME_BYTES,
      // The streaming host is the instance's (or one it advertises): checked as it connects.
      ...(this.#client.publicOnly ? { lookup: publicOnlyLookup as never } : {}),
    });
    const connection: Connection = {
      socket,
      openedAt: null,
      usable: true,
      alive: true,
      refused: null,
      timers: [],
    };
    this.#connection = connection;
    let lastError: Error | null = null;

    socket.on("open", () => {
      connection.openedAt = Date.now();
      this.#log.info({ streaming: discovery.streamingBase }, "Mastodon stream connected");
      this.#step(async () => {
        await this.#hooks.catchUp();
        await this.#hooks.status("connected");
      }, connection);
      this.#startTimers(connection);
    });
    socket.on("message", (data, isBinary) => {
      connection.alive = true;
      if (isBinary) {
        this.#log.warn("binary frame on the Mastodon stream ignored");
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : data.toString();
      this.#onFrame(text, connection);
    });
    socket.on("ping", () => {
      connection.alive = true;
    });
    socket.on("pong", () => {
      connection.alive = true;
    });
    socket.on("error", (error) => {
      lastError = error;
    });
    socket.on("close", (code, reason) => {
      this.#clearTimers(connection);
      connection.usable = false;
      if (this.#connection === connection) this.#connection = null;
      if (this.#stopped) return;
      const wasOpen = connection.openedAt !== null;
      const detail = {
        code,
        reason: reason.toString() || undefined,
        err: lastError ?? undefined,
      };
      if (wasOpen) this.#step(() => this.#hooks.status("disconnected"));
      if (wasOpen && Date.now() - (connection.openedAt ?? 0) >= this.#timing.stableMs) {
        this.#failures = 0;
      }
      const refusal = connection.refused ?? handshakeRefusal(lastError);
      if (refusal) {
        this.#unavailable(refusal);
        return;
      }
      const delay = this.#backoff();
      this.#log.warn({ ...detail, retryInMs: delay }, "Mastodon stream closed; reconnecting");
      this.#schedule(delay);
    });
  }

  #onFrame(text: string, connection: Connection): void {
    const parsed = parseStreamFrame(text);
    if (!parsed.ok) {
      this.#log.warn(
        { reason: parsed.reason, frame: truncate(text, 200) },
        "malformed Mastodon stream event ignored",
      );
      return;
    }
    const event = parsed.event;
    if (event.kind === "ignored") return;
    if (event.kind === "error") {
      // The server refused the subscription (missing scope, …): nothing will ever come.
      connection.refused = `subscription refused: ${event.error}`;
      connection.socket.close(1000);
      return;
    }
    this.#step(() => this.#hooks.handle(event), connection);
  }

  /**
   * Runs `work` after every earlier step. When a step of a connection fails, the rest of that
   * connection's steps are dropped and the socket is closed: the reconnection's catch-up then
   * fetches again what the failed step had not stored, from the cursor it had not advanced.
   */
  #step(work: () => Promise<void>, connection?: Connection): void {
    this.#steps = this.#steps.then(async () => {
      if (connection && !connection.usable) return;
      try {
        await work();
      } catch (error) {
        this.#log.error({ err: error }, "Mastodon stream step failed; reconnecting");
        if (!connection) return;
        connection.usable = false;
        connection.socket.terminate();
      }
    });
  }

  #startTimers(connection: Connection): void {
    const heartbeat = setInterval(() => {
      if (!connection.alive) {
        this.#log.warn("Mastodon stream silent; reconnecting");
        connection.socket.terminate();
        return;
      }
      connection.alive = false;
      connection.socket.ping();
    }, this.#timing.heartbeatMs);
    const safety = setInterval(
      () => this.#step(() => this.#hooks.catchUp(), connection),
      this.#timing.safetyPollMs,
    );
    heartbeat.unref();
    safety.unref();
    connection.timers.push(heartbeat, safety);
  }

  #clearTimers(connection: Connection): void {
    for (const timer of connection.timers) clearInterval(timer);
    connection.timers = [];
  }
}

/**
 * A handshake answered 401/403 (the token is refused or lacks `read`) or 404 (no streaming
 * there) will not succeed by retrying soon: such a stream counts as unavailable.
 */
function handshakeRefusal(error: Error | null): string | null {
  const status = /Unexpected server response: (\d{3})/.exec(error?.message ?? "")?.[1];
  if (status === "401" || status === "403" || status === "404") {
    return `streaming handshake answered ${status}`;
  }
  return null;
}
