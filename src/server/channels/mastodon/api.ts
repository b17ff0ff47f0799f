import { failureFromResponse, type HttpResponse, httpRequest, truncate } from "../http.ts";
import type { SendResult } from "../provider.ts";

export interface MastodonClient {
  instanceUrl: string;
  accessToken: string;
  timeoutMs: number;
  /** Resolve the instance's host at each call and refuse a private address (outboundGuard.ts). */
  publicOnly: boolean;
}

/** One call to a Mastodon server's REST API with the account's bearer token. */
export async function mastodonRequest(
  client: MastodonClient,
  method: "GET" | "POST",
  path: string,
  options: {
    query?: Array<[string, string]>;
    json?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResponse> {
  const url = new URL(path, `${client.instanceUrl.replace(/\/$/, "")}/`);
  for (const [key, value] of options.query ?? []) url.searchParams.append(key, value);
  const headers: Record<string, string> = {
    authorization: `Bearer ${client.accessToken}`,
    accept: "application/json",
    ...options.headers,
  };
  if (options.json !== undefined) headers["content-type"] = "application/json";
  return httpRequest(
    url.toString(),
    {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      publicOnly: client.publicOnly,
    },
    client.timeoutMs,
  );
}

/** Mastodon's errors are `{"error": "…", "error_description"?: "…"}`. */
export function mastodonErrorReason(response: HttpResponse): string {
  let detail = "";
  try {
    const body = JSON.parse(response.text) as { error?: string; error_description?: string };
    detail = [body.error, body.error_description].filter(Boolean).join(": ");
  } catch {
    detail = truncate(response.text);
  }
  return `Mastodon answered ${response.status}: ${detail || "no details"}`;
}

/**
 * A refusal as a SendResult. Besides `Retry-After`, Mastodon tells when its rate limit resets
 * in `X-RateLimit-Reset`, an ISO 8601 time.
 */
export function mastodonFailure(response: HttpResponse, now = Date.now()): SendResult {
  const failure = failureFromResponse(response, mastodonErrorReason(response));
  if (failure.ok || !failure.retryable || failure.retryAfterMs !== undefined) return failure;
  const reset = Date.parse(response.headers.get("x-ratelimit-reset") ?? "");
  return Number.isFinite(reset) ? { ...failure, retryAfterMs: Math.max(0, reset - now) } : failure;
}
