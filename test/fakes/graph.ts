import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GRAPH_VERSION } from "../../src/server/channels/meta/graph.ts";
import { type RecordedRequest, startFakeServer } from "../support/fakeServer.ts";

/**
 * Meta's Graph API on loopback, as documented for Pages, Messenger and Instagram: the access
 * token and its `appsecret_proof` checked on every call, the Send API (`POST /<id>/messages`,
 * Private Replies included), comment replies (`POST /<comment-id>/comments`, `/replies`), the
 * User Profile API (`GET /<PSID or IGSID>?fields=…`, answering only the fields asked for), Graph
 * error bodies and rate-limit headers scripted by the test. Plus webhook builders signed as Meta
 * signs them.
 */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphCall {
  method: string;
  /** Below the version: "104857600123456/messages". */
  path: string;
  query: URLSearchParams;
  token: string | null;
  body: any;
}

/** `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`, Graph's error body. */
export function graphError(
  status: number,
  error: { message: string; type?: string; code: number; subcode?: number; details?: string },
  headers: Record<string, string> = {},
): FakeAnswer {
  return {
    status,
    headers,
    body: {
      error: {
        message: error.message,
        type: error.type ?? "OAuthException",
        code: error.code,
        ...(error.subcode !== undefined ? { error_subcode: error.subcode } : {}),
        ...(error.details
          ? { error_data: { messaging_product: "whatsapp", details: error.details } }
          : {}),
        fbtrace_id: `A${Math.random().toString(36).slice(2, 14)}`,
      },
    },
  };
}

/** Messenger's User Profile API for a person without a profile (an account made with a phone). */
export function noProfileAvailable(): FakeAnswer {
  return graphError(400, {
    message: "(#100) No profile available for this user.",
    code: 100,
    subcode: 2018218,
  });
}

/** Instagram's User Profile API before the person has messaged the business (a commenter). */
export function userConsentRequired(): FakeAnswer {
  return graphError(400, {
    message: "(#230) User consent is required to access user profile",
    code: 230,
  });
}

/** `X-Business-Use-Case-Usage` for a blocked business object, as Meta sends it (minutes). */
export function businessUsageHeader(
  id: string,
  type: string,
  regainMinutes: number,
  percent = 100,
) {
  return {
    "x-business-use-case-usage": JSON.stringify({
      [id]: [
        {
          type,
          call_count: percent,
          total_cputime: Math.min(percent, 35),
          total_time: Math.min(percent, 40),
          estimated_time_to_regain_access: regainMinutes,
        },
      ],
    }),
  };
}

let sequence = 0;
export function fakeId(prefix = ""): string {
  sequence += 1;
  return `${prefix}${Date.now()}${String(sequence).padStart(4, "0")}`;
}

export interface GraphFakeOptions {
  accessToken: string;
  appSecret: string;
  /** Answers the calls this fake does not know (WhatsApp's, in whatsapp.ts). */
  extra?: (call: GraphCall) => FakeAnswer | null;
  /** Answers requests outside the Graph API (the CDN that serves media files), first. */
  files?: (request: RecordedRequest, url: URL) => FakeAnswer | null;
}

export async function startGraphFake(options: GraphFakeOptions) {
  const calls: GraphCall[] = [];
  const scripted: Array<{ path: RegExp; answer: FakeAnswer }> = [];
  /** The customer's Page-scoped id that Meta resolves a commented item to (Private Replies). */
  const commenters = new Map<string, string>();
  /** What the User Profile API knows of a PSID / IGSID: Messenger's or Instagram's fields. */
  const profiles = new Map<string, Record<string, unknown>>();

  /** Files on Meta's CDN (`/cdn/<path>`), public to whoever has the signed link. */
  const cdn = new Map<string, { content: Buffer; contentType: string }>();

  const fake = await startFakeServer((request: RecordedRequest) => {
    const url = new URL(request.url, `http://${request.headers.host}`);
    if (url.pathname.startsWith("/cdn/")) {
      const stored = cdn.get(url.pathname.slice("/cdn/".length));
      if (!stored) return { status: 404, body: "Not Found" };
      return { body: stored.content, headers: { "content-type": stored.contentType } };
    }
    const file = options.files?.(request, url);
    if (file) return file;
    const prefix = `/${GRAPH_VERSION}/`;
    if (!url.pathname.startsWith(prefix)) {
      return graphError(400, { message: "Unknown path components: /graph", code: 2500 });
    }
    const authorization = String(request.headers.authorization ?? "");
    const token = authorization.startsWith("Bearer ") ? authorization.slice(7) : null;
    const call: GraphCall = {
      method: request.method,
      path: url.pathname.slice(prefix.length),
      query: url.searchParams,
      token,
      body: request.json,
    };
    calls.push(call);
    if (token !== options.accessToken) {
      return graphError(400, {
        message: "Invalid OAuth access token - Cannot parse access token",
        code: 190,
      });
    }
    const proof = createHmac("sha256", options.appSecret).update(token).digest("hex");
    if (url.searchParams.get("appsecret_proof") !== proof) {
      return graphError(400, {
        message: "Invalid appsecret_proof provided in the API argument",
        code: 100,
      });
    }
    const index = scripted.findIndex((entry) => entry.path.test(call.path));
    if (index >= 0) return scripted.splice(index, 1)[0]!.answer;

    const sendApi = typeof call.body?.recipient === "object" && call.body.recipient !== null;
    if (request.method === "POST" && /^\d+\/messages$/.test(call.path) && sendApi) {
      const recipient = call.body.recipient;
      if (!call.body.message?.text) {
        return graphError(400, { message: "(#100) The parameter message is required", code: 100 });
      }
      const recipientId =
        recipient.id ?? commenters.get(recipient.comment_id ?? recipient.post_id) ?? fakeId("69");
      return { body: { recipient_id: recipientId, message_id: `m_${fakeId()}` } };
    }
    const comment = /^([\d_]+)\/(comments|replies)$/.exec(call.path);
    if (request.method === "POST" && comment) {
      if (!call.body?.message) {
        return graphError(400, { message: "(#100) Missing message or attachment", code: 100 });
      }
      const root = comment[1]!.split("_")[0];
      return { body: { id: comment[2] === "comments" ? `${root}_${fakeId()}` : fakeId("1786") } };
    }
    const profile = request.method === "GET" ? profiles.get(call.path) : undefined;
    if (profile) {
      const fields = (call.query.get("fields") ?? "").split(",").filter(Boolean);
      const answer: Record<string, unknown> = { id: call.path };
      for (const field of fields) if (field in profile) answer[field] = profile[field];
      return { body: answer };
    }
    return (
      options.extra?.(call) ??
      graphError(400, {
        message:
          `Unsupported ${request.method.toLowerCase()} request. Object with ID '${call.path}' does ` +
          "not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        code: 100,
        subcode: 33,
      })
    );
  });

  return {
    url: fake.url,
    /** Where fixtures' `CDN_URL` points: Meta's CDN (scontent.xx.fbcdn.net) on loopback. */
    cdnUrl: `${fake.url}/cdn`,
    calls,
    /** Every request as received, Graph calls and file downloads alike. */
    requests: fake.requests,
    /** The next call whose path matches gets this answer instead (an error, a rate limit). */
    failNext(path: RegExp, answer: FakeAnswer) {
      scripted.push({ path, answer });
    },
    /** The customer Meta resolves a comment to, as the Private Replies answer names them. */
    setCommenter(commentId: string, psid: string) {
      commenters.set(commentId, psid);
    },
    /**
     * A person the User Profile API describes: Messenger's `{first_name, last_name, profile_pic}`
     * for a PSID, Instagram's `{name, username, profile_pic}` for an IGSID.
     */
    setProfile(id: string, profile: Record<string, unknown>) {
      profiles.set(id, profile);
    },
    /** A file Meta's CDN serves at `<cdnUrl>/<path>` (a Messenger or Instagram attachment). */
    addCdnFile(path: string, content: Buffer, contentType: string) {
      cdn.set(path, { content, contentType });
    },
    /** The downloads of CDN files, as received. */
    cdnDownloads() {
      return fake.requests.filter((request) => request.url.startsWith("/cdn/"));
    },
    close: fake.close,
  };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/meta");

/**
 * Where `CDN_URL` points unless a test names its fake's CDN: a loopback port nothing listens on,
 * so that a file no test asked for is never fetched from a real host.
 */
const NO_CDN = "http://127.0.0.1:9/cdn";

/** A webhook payload from test/fixtures/meta, with placeholders replaced. */
export function metaFixture(name: string, replace: Record<string, string> = {}): any {
  let text = readFileSync(join(FIXTURES, `${name}.json`), "utf8");
  for (const [from, to] of Object.entries({ CDN_URL: NO_CDN, ...replace })) {
    text = text.replaceAll(from, to);
  }
  return JSON.parse(text);
}

/** When the fixtures were written: their newest time is a few minutes before this. */
const FIXTURES_WRITTEN_AT = Date.parse("2026-11-20T11:30:00Z");
const TIME_KEYS = new Set(["time", "timestamp", "created_time", "watermark"]);

function shiftTimes(value: unknown, shiftMs: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shiftTimes(item, shiftMs));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const numeric = typeof inner === "string" && /^\d+$/.test(inner) ? Number(inner) : inner;
    if (TIME_KEYS.has(key) && typeof numeric === "number") {
      // Meta writes seconds in some places and milliseconds in others: keep each unit.
      const shifted = numeric < 1e12 ? numeric + Math.round(shiftMs / 1000) : numeric + shiftMs;
      out[key] = typeof inner === "string" ? String(shifted) : shifted;
    } else {
      out[key] = shiftTimes(inner, shiftMs);
    }
  }
  return out;
}

/**
 * A fixture as if it had just happened: every time in it moved by the same amount, so that its
 * newest event is minutes old and fixtures keep their order. Meta's messaging windows (24 hours,
 * 7 days) count from these times.
 */
export function recentMetaFixture(
  name: string,
  replace: Record<string, string> = {},
  ago = 0,
): any {
  return shiftTimes(metaFixture(name, replace), Date.now() - ago - FIXTURES_WRITTEN_AT);
}

/** Posts a webhook to Relais as Meta does: the raw body signed with the app secret. */
export async function postMetaHook(
  baseUrl: string,
  channelId: string,
  appSecret: string,
  payload: unknown,
  options: { signature?: string | null } = {},
) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`
      : options.signature;
  const response = await fetch(`${baseUrl}/hooks/${channelId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-hub-signature-256": signature } : {}),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`. */
export async function verifyMetaSubscription(
  baseUrl: string,
  channelId: string,
  verifyToken: string,
) {
  const query = new URLSearchParams({
    "hub.mode": "subscribe",
    "hub.verify_token": verifyToken,
    "hub.challenge": "1158201444",
  });
  const response = await fetch(`${baseUrl}/hooks/${channelId}?${query}`);
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: await response.text(),
  };
}

/** Meta's webhook poster for the social provider harness (test/support/socialHarness.ts). */
export function metaDeliverer(appSecret: string) {
  return (
    baseUrl: string,
    channelId: string,
    payload: unknown,
    options?: { signature?: string | null },
  ) => postMetaHook(baseUrl, channelId, appSecret, payload, options);
}
