import { PrivateAddressRefused, publicHttpRequest } from "./outboundGuard.ts";
import type { SendResult } from "./provider.ts";

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Outbound HTTP for providers: a timeout on every call, the body read as text. With
 * `publicOnly`, the host is resolved as the call connects and a private address refused
 * (outboundGuard.ts): for URLs an admin typed, checked at send time and not only when saved.
 */
export async function httpRequest(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer | URLSearchParams;
    publicOnly?: boolean;
  },
  timeoutMs: number,
): Promise<HttpResponse> {
  if (init.publicOnly) {
    const body = init.body instanceof URLSearchParams ? init.body.toString() : init.body;
    return publicHttpRequest(url, { ...init, body }, timeoutMs);
  }
  const response = await fetch(url, {
    method: init.method ?? "POST",
    headers: init.headers,
    body: Buffer.isBuffer(init.body) ? new Uint8Array(init.body) : init.body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error",
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * How long a provider asks us to wait: `Retry-After` (seconds or an HTTP date) or X's
 * `x-rate-limit-reset` (epoch seconds). Undefined when the response says nothing.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-rate-limit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** Turns a non-2xx answer into a failed SendResult: 429 and 5xx retry, other 4xx do not. */
export function failureFromResponse(response: HttpResponse, reason: string): SendResult {
  const retryable = response.status === 429 || response.status >= 500 || response.status === 408;
  return {
    ok: false,
    retryable,
    reason,
    retryAfterMs: retryable ? retryAfterMs(response.headers) : undefined,
  };
}

/**
 * A network failure (refused, reset, timed out) is always worth another attempt; a host refused
 * as private (outboundGuard.ts) is not: it stays refused until an admin changes the URL.
 */
export function failureFromError(error: unknown): SendResult {
  if (error instanceof PrivateAddressRefused) {
    return { ok: false, retryable: false, reason: error.message };
  }
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { ok: false, retryable: true, reason: `Network error: ${detail}` };
}

export function truncate(text: string, length = 300): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
