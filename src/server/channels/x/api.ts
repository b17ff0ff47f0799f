import { z } from "zod";
import { failureFromError, type HttpResponse, httpRequest, truncate } from "../http.ts";
import type { SendResult } from "../provider.ts";
import { type OAuthCredentials, oauthHeader } from "./oauth.ts";

export interface XClient {
  apiUrl: string;
  credentials: OAuthCredentials;
  timeoutMs: number;
  /** Resolve the API's host at each call and refuse a private address (outboundGuard.ts). */
  publicOnly: boolean;
}

/** One call to the X API v2, signed with OAuth 1.0a user context; JSON in, text out. */
export async function xRequest(
  client: XClient,
  method: "GET" | "POST",
  path: string,
  options: { query?: Record<string, string>; json?: unknown } = {},
): Promise<HttpResponse> {
  const url = new URL(path, `${client.apiUrl.replace(/\/$/, "")}/`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    authorization: oauthHeader(client.credentials, method, url.toString()),
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

/**
 * X's own words for a refusal: v2 answers problem documents (`title`, `detail`, sometimes
 * `errors[].message`), older endpoints `errors[].message`.
 */
export function xErrorReason(response: HttpResponse): string {
  let detail = "";
  try {
    const body = JSON.parse(response.text) as {
      title?: string;
      detail?: string;
      errors?: Array<{ message?: string; detail?: string }>;
    };
    const parts = [
      body.detail ?? body.title,
      ...(body.errors ?? []).map((error) => error.message ?? error.detail),
    ].filter((part): part is string => Boolean(part));
    detail = [...new Set(parts)].join(" — ");
  } catch {
    detail = truncate(response.text);
  }
  return `X answered ${response.status}: ${detail || "no details"}`;
}

export const ZCreateTweetResponse = z.object({ data: z.object({ id: z.string() }) });
export const ZCreateDmResponse = z.object({
  data: z.object({ dm_event_id: z.string(), dm_conversation_id: z.string().nullish() }),
});

/** The fields a mention needs: its thread, its author's name, handle, avatar and reach. */
export const MENTION_FIELDS = {
  max_results: "100",
  expansions: "author_id,attachments.media_keys,referenced_tweets.id",
  "tweet.fields":
    "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,attachments,edit_history_tweet_ids",
  "user.fields": "public_metrics,profile_image_url,username,name",
  "media.fields": "url,type,preview_image_url",
} as const;

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
 * A write that got no answer (a timeout, a reset connection) may have been published: as X
 * takes no idempotency key, it is not tried again. One that never left is.
 */
export function writeFailure(error: unknown, service: string): SendResult {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string" && NOT_SENT.has(code)) return failureFromError(error);
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    ok: false,
    retryable: false,
    reason: `${service} did not answer (${detail}); the message may have been published: check before sending it again.`,
  };
}
