import { z } from "zod";
import {
  failureFromError,
  failureFromResponse,
  type HttpResponse,
  httpRequest,
  truncate,
} from "../http.ts";
import type { SendResult } from "../provider.ts";

/** The service that answers `chat.bsky.*` calls, reached through the account's PDS. */
export const CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat";

export const ZSession = z.object({
  accessJwt: z.string(),
  refreshJwt: z.string(),
  did: z.string(),
  handle: z.string(),
});
export type BlueskySession = z.infer<typeof ZSession>;

export interface XrpcCall {
  query?: Array<[string, string]>;
  json?: unknown;
  /** Routes the call to the chat service (`atproto-proxy` header). */
  chat?: boolean;
}

/**
 * XRPC calls on the account's service with a cached session: created with the app password
 * (`com.atproto.server.createSession`), refreshed (`refreshSession`) when the service answers
 * `ExpiredToken`, created anew if the refresh token is refused. `changed` tells the caller to
 * save the new session in the channel's state.
 */
export class XrpcClient {
  session: BlueskySession | null;
  changed = false;

  constructor(
    private readonly options: {
      serviceUrl: string;
      identifier: string;
      password: string;
      timeoutMs: number;
      /** Resolve the service's host at each call and refuse a private address (outboundGuard.ts). */
      publicOnly: boolean;
    },
    session: BlueskySession | null,
  ) {
    this.session = session;
  }

  /** Signs in if needed; the failed answer when the service refuses the app password. */
  async ensureSession(): Promise<HttpResponse | null> {
    if (this.session) return null;
    const response = await this.raw("POST", "com.atproto.server.createSession", {
      json: { identifier: this.options.identifier, password: this.options.password },
    });
    return this.adopt(response);
  }

  async call(method: "GET" | "POST", nsid: string, call: XrpcCall = {}): Promise<HttpResponse> {
    const refused = await this.ensureSession();
    if (refused) return refused;
    let response = await this.raw(method, nsid, call, this.session?.accessJwt);
    if (expired(response)) {
      const renewed = await this.renew();
      if (renewed) return renewed;
      response = await this.raw(method, nsid, call, this.session?.accessJwt);
    }
    return response;
  }

  private async renew(): Promise<HttpResponse | null> {
    const refreshed = await this.raw(
      "POST",
      "com.atproto.server.refreshSession",
      {},
      this.session?.refreshJwt,
    );
    if (refreshed.status === 200) return this.adopt(refreshed);
    this.session = null;
    return this.ensureSession();
  }

  private adopt(response: HttpResponse): HttpResponse | null {
    if (response.status !== 200) return response;
    this.session = ZSession.parse(JSON.parse(response.text));
    this.changed = true;
    return null;
  }

  private raw(method: "GET" | "POST", nsid: string, call: XrpcCall, token?: string) {
    const url = new URL(`xrpc/${nsid}`, `${this.options.serviceUrl.replace(/\/$/, "")}/`);
    for (const [key, value] of call.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (call.chat) headers["atproto-proxy"] = CHAT_PROXY;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    return httpRequest(
      url.toString(),
      {
        method,
        headers,
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        publicOnly: this.options.publicOnly,
      },
      this.options.timeoutMs,
    );
  }
}

function errorBody(response: HttpResponse): { error?: string; message?: string } {
  try {
    return JSON.parse(response.text) as { error?: string; message?: string };
  } catch {
    return {};
  }
}

function expired(response: HttpResponse): boolean {
  return (
    (response.status === 400 || response.status === 401) &&
    errorBody(response).error === "ExpiredToken"
  );
}

/** XRPC errors are `{"error": "InvalidRequest", "message": "…"}`. */
export function xrpcErrorReason(response: HttpResponse): string {
  const body = errorBody(response);
  const detail = [body.error, body.message].filter(Boolean).join(": ") || truncate(response.text);
  return `Bluesky answered ${response.status}: ${detail || "no details"}`;
}

/**
 * A refusal as a SendResult. Bluesky's services announce their limits with the IETF draft
 * headers: `ratelimit-reset` is the reset time in epoch seconds (or, per the draft, a delay).
 */
export function xrpcFailure(response: HttpResponse, now = Date.now()): SendResult {
  const failure = failureFromResponse(response, xrpcErrorReason(response));
  if (failure.ok || !failure.retryable || failure.retryAfterMs !== undefined) return failure;
  const reset = Number(response.headers.get("ratelimit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return failure;
  const delay = reset > 1_000_000_000 ? reset * 1000 - now : reset * 1000;
  return { ...failure, retryAfterMs: Math.max(0, delay) };
}

/** Failures that happen before a request leaves: nothing can have been published. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  // Refused as a private address before connecting (outboundGuard.ts).
  "EPRIVATEADDRESS",
]);

/**
 * A write that got no answer (a timeout, a reset connection) may have been published: as
 * neither createRecord nor sendMessage takes an idempotency key, it is not tried again.
 */
export function writeFailure(error: unknown): SendResult {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string" && NOT_SENT.has(code)) return failureFromError(error);
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    ok: false,
    retryable: false,
    reason: `Bluesky did not answer (${detail}); the message may have been published: check before sending it again.`,
  };
}
