import { hmacSha256Hex } from "../../crypto/tokens.ts";
import { failureFromError, httpRequest, retryAfterMs, truncate } from "../http.ts";
import type { SendResult } from "../provider.ts";

/**
 * The one Graph API version every Meta call uses. v25.0 (released 2026-02-18) is available
 * until 2028-07-29 per Meta's changelog; bump it here and nowhere else.
 */
export const GRAPH_VERSION = "v25.0";
export const DEFAULT_GRAPH_URL = "https://graph.facebook.com";

/**
 * Graph error codes that mean "too many calls": 4 application, 17 user, 32 page, 613 calls
 * within a period, 80007 WhatsApp Business Account, 130429 Cloud API throughput, 131056
 * business/customer pair rate limit.
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([
  4, 17, 32, 613, 80007, 130429, 131056,
]);

/** 1 "unknown error" and 2 "service temporarily unavailable" are worth another attempt. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2]);

export interface GraphCredentials {
  baseUrl: string;
  accessToken: string;
  /** Signs every call with `appsecret_proof`, as "Require App Secret" demands. */
  appSecret?: string;
  /**
   * Resolve the Graph host at each call and refuse a private address (outboundGuard.ts): set
   * when sending, as the base URL is one an admin may type (`graphUrl`).
   */
  publicOnly?: boolean;
}

/** The documented Graph error body: `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`. */
export interface GraphError {
  message: string;
  type?: string;
  code?: number;
  subcode?: number;
  fbtraceId?: string;
  isTransient?: boolean;
  /** WhatsApp's `error_data.details`, the most precise reason it gives. */
  details?: string;
}

/** What Meta's usage headers say: the highest percentage used, and how long access is blocked. */
export interface GraphUsage {
  maxPercent: number;
  regainAccessMs?: number;
}

export type GraphFailure = Extract<SendResult, { ok: false }>;

export type GraphResult<T> =
  | { ok: true; status: number; data: T; usage: GraphUsage }
  | {
      ok: false;
      status: number;
      error: GraphError | null;
      usage: GraphUsage;
      /** Rate limited (HTTP 429, a rate-limit code, or blocked by the usage headers). */
      throttled: boolean;
      failure: GraphFailure;
    };

export interface GraphCall {
  method: "GET" | "POST";
  /** Below the version: "123/messages". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** `appsecret_proof`: the hex HMAC-SHA256 of the access token keyed with the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return hmacSha256Hex(appSecret, accessToken);
}

export function graphUrl(baseUrl: string, path: string, query: Record<string, string> = {}) {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/${GRAPH_VERSION}/${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * One Graph API call with plain fetch: the token in the Authorization header, the app secret
 * proof in the query, a JSON body; the answer, Meta's error and its usage headers parsed.
 */
export async function graphRequest<T>(
  credentials: GraphCredentials,
  call: GraphCall,
  timeoutMs: number,
): Promise<GraphResult<T>> {
  const query = { ...call.query };
  if (credentials.appSecret) {
    query.appsecret_proof = appSecretProof(credentials.accessToken, credentials.appSecret);
  }
  const headers: Record<string, string> = {
    authorization: `Bearer ${credentials.accessToken}`,
    accept: "application/json",
  };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  let response: Awaited<ReturnType<typeof httpRequest>>;
  try {
    response = await httpRequest(
      graphUrl(credentials.baseUrl, call.path, query),
      {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        publicOnly: credentials.publicOnly,
      },
      timeoutMs,
    );
  } catch (error) {
    return {
      ok: false,
      status: 0,
      error: null,
      usage: { maxPercent: 0 },
      throttled: false,
      failure: failureFromError(error) as GraphFailure,
    };
  }
  const usage = parseUsage(response.headers);
  const json = parseJson(response.text);
  if (response.status >= 200 && response.status < 300 && !hasError(json)) {
    return { ok: true, status: response.status, data: json as T, usage };
  }
  const error = parseGraphError(json);
  const throttled =
    response.status === 429 ||
    (error?.code !== undefined && RATE_LIMIT_CODES.has(error.code)) ||
    (usage.regainAccessMs ?? 0) > 0;
  const retryable =
    throttled ||
    response.status >= 500 ||
    response.status === 408 ||
    error?.isTransient === true ||
    (error?.code !== undefined && TRANSIENT_CODES.has(error.code));
  const reason = error
    ? describeGraphError(error)
    : `Meta answered ${response.status}: ${truncate(response.text) || "no details"}`;
  return {
    ok: false,
    status: response.status,
    error,
    usage,
    throttled,
    failure: {
      ok: false,
      retryable,
      reason: throttled ? `Rate limited by Meta: ${reason}` : reason,
      retryAfterMs: retryable
        ? (usage.regainAccessMs ?? retryAfterMs(response.headers))
        : undefined,
    },
  };
}

/** "message: details (code 100, subcode 2018001)" — Meta's own words, and the code to look up. */
export function describeGraphError(error: GraphError): string {
  const codes = [
    error.code !== undefined ? `code ${error.code}` : null,
    error.subcode !== undefined ? `subcode ${error.subcode}` : null,
  ].filter(Boolean);
  const details = error.details && error.details !== error.message ? `: ${error.details}` : "";
  return `${error.message}${details}${codes.length ? ` (${codes.join(", ")})` : ""}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function hasError(json: unknown): boolean {
  return typeof json === "object" && json !== null && "error" in json;
}

function asNumber(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

export function parseGraphError(json: unknown): GraphError | null {
  if (typeof json !== "object" || json === null) return null;
  const error = (json as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return null;
  const record = error as Record<string, unknown>;
  const data = record.error_data as Record<string, unknown> | undefined;
  return {
    message: asString(record.message) ?? asString(record.error_user_msg) ?? "Unknown error",
    type: asString(record.type),
    code: asNumber(record.code),
    subcode: asNumber(record.error_subcode),
    fbtraceId: asString(record.fbtrace_id),
    isTransient: record.is_transient === true,
    details: typeof data === "object" && data !== null ? asString(data.details) : undefined,
  };
}

/**
 * `X-App-Usage` / `X-Page-Usage` (`{"call_count", "total_cputime", "total_time"}`, percentages)
 * and `X-Business-Use-Case-Usage` (`{"<id>": [{"type", "call_count", …,
 * "estimated_time_to_regain_access"}]}`, the last in minutes).
 */
export function parseUsage(headers: Headers): GraphUsage {
  let maxPercent = 0;
  let regainMinutes = 0;
  const consider = (entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return;
    const record = entry as Record<string, unknown>;
    for (const key of ["call_count", "total_cputime", "total_time", "acc_id_util_pct"]) {
      maxPercent = Math.max(maxPercent, asNumber(record[key]) ?? 0);
    }
    regainMinutes = Math.max(regainMinutes, asNumber(record.estimated_time_to_regain_access) ?? 0);
  };
  for (const name of ["x-app-usage", "x-page-usage", "x-ad-account-usage"]) {
    consider(parseJson(headers.get(name) ?? ""));
  }
  const business = parseJson(headers.get("x-business-use-case-usage") ?? "");
  if (typeof business === "object" && business !== null) {
    for (const entries of Object.values(business)) {
      if (Array.isArray(entries)) entries.forEach(consider);
    }
  }
  return regainMinutes > 0
    ? { maxPercent, regainAccessMs: regainMinutes * 60_000 }
    : { maxPercent };
}
