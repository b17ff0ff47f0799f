import { randomUUID } from "node:crypto";
import type { Channel } from "../../db/schema.ts";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services.ts";
import type { Receiver } from "../receivers.ts";
import { resolveChannel } from "../resolve.ts";
import type { MastodonChannel } from "./notifications.ts";
import { holdLease, LEASE_RENEW_MS, releaseLease } from "./streamLease.ts";
import { ChannelStreamSession } from "./streamSession.ts";

/**
 * The Mastodon streaming receiver: in every worker process, one WebSocket per enabled Mastodon
 * channel whose lease this worker holds (streamLease.ts), started, restarted (new instance or
 * token) and stopped as channels are created, updated, disabled or deleted.
 */
export const mastodonStreamReceiver: Receiver = {
  name: "mastodon-stream",
  async start(services) {
    const streams = new MastodonStreams(services);
    streams.start();
    return { stop: () => streams.stop() };
  },
};

class MastodonStreams {
  readonly #services: Services;
  readonly #log: Logger;
  readonly #holder = randomUUID();
  readonly #sessions = new Map<string, ChannelStreamSession>();
  #timer?: NodeJS.Timeout;
  #unsubscribe?: () => void;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(services: Services) {
    this.#services = services;
    this.#log = services.log.child({ receiver: "mastodon-stream" });
  }

  start(): void {
    this.#unsubscribe = this.#services.live.onEvent((event) => {
      if (event.name.startsWith("channel.")) this.#kick();
    });
    // Channel changes arrive as `channel.*` events (LISTEN/NOTIFY, from any process); this
    // periodic pass renews this worker's leases, takes over leases that expired elsewhere, and
    // catches up with a notification missed.
    this.#timer = setInterval(() => this.#kick(), LEASE_RENEW_MS);
    this.#timer.unref();
    this.#kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    await this.#running;
    await Promise.all([...this.#sessions.values()].map((session) => this.#end(session)));
  }

  /** Reconciles now, or once more right after the reconciliation under way. */
  #kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#reconcile()
      .catch((error) => this.#log.error({ err: error }, "Mastodon streams reconciliation failed"))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.#kick();
        }
      });
  }

  async #reconcile(): Promise<void> {
    const rows = await this.#services.db
      .selectFrom("channels")
      .selectAll()
      .where("kind", "=", "mastodon")
      .where("disabled_at", "is", null)
      .execute();
    const wanted = new Set<string>();
    for (const row of rows) {
      if (this.#stopped) return;
      const channel = this.#resolve(row);
      if (!channel || channel.config.streaming === false) continue;
      wanted.add(row.id);
      const fingerprint = [channel.config.instanceUrl, row.secrets ?? ""].join("\n");
      const current = this.#sessions.get(row.id);
      if (current?.fingerprint === fingerprint) {
        await this.#renew(current);
        continue;
      }
      if (current) await this.#end(current);
      if (!(await holdLease(this.#services.db, row, this.#holder, false))) continue;
      const session = new ChannelStreamSession({
        services: this.#services,
        channel,
        fingerprint,
        holder: this.#holder,
      });
      this.#sessions.set(row.id, session);
      session.start();
    }
    for (const session of this.#sessions.values()) {
      if (!wanted.has(session.channelId)) await this.#end(session);
    }
  }

  /** Keeps a stream's lease; a lease lost to another worker (this one stalled) ends the stream. */
  async #renew(session: ChannelStreamSession): Promise<void> {
    if (await holdLease(this.#services.db, session.key, this.#holder, session.connected)) return;
    this.#log.warn({ channelId: session.channelId }, "Mastodon stream lease lost");
    await this.#end(session, { release: false });
  }

  async #end(session: ChannelStreamSession, options: { release?: boolean } = {}): Promise<void> {
    if (this.#sessions.get(session.channelId) === session) this.#sessions.delete(session.channelId);
    await session.stop();
    if (options.release === false) return;
    await releaseLease(this.#services.db, session.key, this.#holder).catch((error) =>
      this.#log.warn({ err: error, channelId: session.channelId }, "lease release failed"),
    );
  }

  #resolve(row: Channel): MastodonChannel | null {
    try {
      return resolveChannel(row, this.#services.secrets).channel as MastodonChannel;
    } catch (error) {
      this.#log.warn({ err: error, channelId: row.id }, "Mastodon channel cannot be read");
      return null;
    }
  }
}
