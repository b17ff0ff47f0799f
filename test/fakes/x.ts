import { createHmac } from "node:crypto";
import { type RecordedRequest, startFakeServer } from "../support/fakeServer.ts";
import { nextSnowflake, tick, type XUser } from "./xDeliveries.ts";
import { XWebhooksFake } from "./xWebhooks.ts";

export {
  dmDelivery,
  nextSnowflake,
  signXWebhook,
  v1Tweet,
  type XHookAnswer,
  type XUser,
  xDeliverer,
} from "./xDeliveries.ts";
export { invalidRequest } from "./xWebhooks.ts";

/**
 * The X API v2 on loopback, as documented: OAuth 1.0a user-context signatures checked on every
 * call, `POST /2/tweets`, `POST /2/dm_conversations/with/:participant_id/messages`,
 * `GET /2/users/:id/mentions`, problem-document errors; the app-only Bearer token, webhooks and
 * Account Activity subscriptions as `xWebhooks.ts` fakes them. The builders of Account Activity
 * webhook deliveries, signed as X signs them, are in `xDeliveries.ts` (re-exported here).
 */
export interface XFakeCredentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export async function startXFake(credentials: XFakeCredentials) {
  const tweets: Array<{ id: string; text: string; inReplyTo: string | null }> = [];
  const dms: Array<{ id: string; participantId: string; text: string }> = [];
  const mentions: Array<{ tweet: Record<string, unknown>; user: XUser }> = [];
  /** Every DM event of the brand's conversations, newest first, as `GET /2/dm_events` lists them. */
  const dmEvents: Array<{ event: Record<string, unknown>; user: XUser | null; media?: object }> =
    [];
  const dmPage = { size: 100 };
  /** Files sent by DM, by their path on ton.twitter.com (`/1.1/ton/data/dm/…`). */
  const dmMedia = new Map<string, { content: Buffer; contentType: string }>();
  const failures: Array<{ path: RegExp; answer: FakeAnswer }> = [];

  const delays: Array<{ path: RegExp; ms: number }> = [];
  const takeFailure = (url: URL, request: RecordedRequest): FakeAnswer | null => {
    const failure = failures.findIndex((entry) => entry.path.test(url.pathname));
    if (failure < 0 || request.method !== "POST") return null;
    return failures.splice(failure, 1)[0]!.answer;
  };
  const webhooks = new XWebhooksFake(credentials);
  const fake = await startFakeServer(async (request) => {
    const url = new URL(request.url, `http://${request.headers.host}`);
    // The app-only endpoints (Bearer token, webhooks) authenticate otherwise.
    const appOnly = await webhooks.appOnly(request, url, () => takeFailure(url, request));
    if (appOnly) return appOnly;
    if (!validOAuth(request, url, credentials)) {
      return problem(401, "Unauthorized", "Unauthorized");
    }
    // DM media on ton.twitter.com: only for the OAuth-signed recipient.
    if (request.method === "GET" && url.pathname.startsWith("/1.1/ton/data/dm/")) {
      const file = dmMedia.get(url.pathname);
      return file
        ? { body: file.content, headers: { "content-type": file.contentType } }
        : problem(404, "Not Found", "Sorry, that page does not exist.");
    }
    const failure = takeFailure(url, request);
    if (failure) return failure;
    const subscription = webhooks.subscriptions(request, url);
    if (subscription) return subscription;
    const delay = delays.findIndex((entry) => entry.path.test(url.pathname));
    if (delay >= 0 && request.method === "POST") {
      const [entry] = delays.splice(delay, 1);
      await new Promise((resolve) => setTimeout(resolve, entry!.ms));
    }
    if (request.method === "POST" && url.pathname === "/2/tweets") {
      const id = nextSnowflake();
      tweets.push({
        id,
        text: request.json?.text,
        inReplyTo: request.json?.reply?.in_reply_to_tweet_id ?? null,
      });
      return {
        status: 201,
        body: { data: { id, text: request.json?.text, edit_history_tweet_ids: [id] } },
      };
    }
    const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(url.pathname);
    if (request.method === "POST" && dm) {
      const id = nextSnowflake();
      dms.push({ id, participantId: dm[1]!, text: request.json?.text });
      dmEvents.unshift({
        user: null,
        event: {
          id,
          event_type: "MessageCreate",
          text: request.json?.text,
          sender_id: credentials.accessToken.split("-")[0],
          dm_conversation_id: `1-${dm[1]}`,
          created_at: tick().toISOString(),
        },
      });
      return {
        status: 201,
        body: { data: { dm_conversation_id: `1-${dm[1]}`, dm_event_id: id } },
      };
    }
    const mention = /^\/2\/users\/(\d+)\/mentions$/.exec(url.pathname);
    if (request.method === "GET" && mention) {
      const since = url.searchParams.get("since_id");
      const fresh = mentions
        .filter((entry) => !since || BigInt(String(entry.tweet.id)) > BigInt(since))
        .sort((a, b) => (BigInt(String(b.tweet.id)) > BigInt(String(a.tweet.id)) ? 1 : -1));
      if (fresh.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
      return {
        status: 200,
        body: {
          data: fresh.map((entry) => entry.tweet),
          includes: {
            users: fresh.map(({ user }) => ({
              id: user.id,
              name: user.name,
              username: user.username,
              profile_image_url: user.avatar,
              public_metrics: { followers_count: user.followers, following_count: 10 },
            })),
          },
          meta: {
            newest_id: fresh[0]!.tweet.id,
            oldest_id: fresh.at(-1)!.tweet.id,
            result_count: fresh.length,
          },
        },
      };
    }
    if (request.method === "GET" && url.pathname === "/2/dm_events") {
      return dmEventsPage(
        dmEvents,
        url,
        Math.min(dmPage.size, Number(url.searchParams.get("max_results") ?? 100)),
      );
    }
    return problem(404, "Not Found Error", `Could not find ${url.pathname}.`);
  });

  return {
    url: fake.url,
    requests: fake.requests,
    /** The app's Account Activity webhooks and the users subscribed to each. */
    webhooks,
    close: fake.close,
    tweets,
    dms,
    /** The next POST whose path matches gets this answer instead (a refusal, a 429). */
    failNext(path: RegExp, answer: FakeAnswer) {
      failures.push({ path, answer });
    },
    /** The next POST whose path matches is carried out, but answered only after `ms`. */
    delayNext(path: RegExp, ms: number) {
      delays.push({ path, ms });
    },
    /** How many DM events one page of `GET /2/dm_events` holds at most (X: max_results). */
    set dmPageSize(size: number) {
      dmPage.size = size;
    },
    /** A file a customer sent by DM: its URL, served only to requests signed as the brand. */
    addDmMedia(name: string, content: Buffer, contentType: string): string {
      const path = `/1.1/ton/data/dm/${nextSnowflake()}/${nextSnowflake()}/${name}`;
      dmMedia.set(path, { content, contentType });
      return `${fake.url}${path}`;
    },
    /** A customer's DM as `GET /2/dm_events` returns it (v2 DM event object), newest first. */
    addDm(user: XUser, dm: { id?: string; text: string; mediaUrl?: string }) {
      const id = dm.id ?? nextSnowflake();
      const mediaKey = dm.mediaUrl ? `3_${id}` : null;
      dmEvents.unshift({
        user,
        event: {
          id,
          event_type: "MessageCreate",
          text: dm.text,
          sender_id: user.id,
          dm_conversation_id: `${user.id}-${credentials.accessToken.split("-")[0]}`,
          created_at: tick().toISOString(),
          ...(mediaKey ? { attachments: { media_keys: [mediaKey] } } : {}),
        },
        ...(mediaKey ? { media: { media_key: mediaKey, type: "photo", url: dm.mediaUrl } } : {}),
      });
      return id;
    },
    /** A mention as `GET /2/users/:id/mentions` returns it (v2 Post object). */
    addMention(
      user: XUser,
      post: { id?: string; text: string; conversationId?: string; inReplyTo?: string },
    ) {
      const id = post.id ?? nextSnowflake();
      mentions.push({
        user,
        tweet: {
          id,
          text: post.text,
          author_id: user.id,
          conversation_id: post.conversationId ?? id,
          created_at: tick().toISOString(),
          edit_history_tweet_ids: [id],
          ...(post.inReplyTo
            ? { referenced_tweets: [{ type: "replied_to", id: post.inReplyTo }] }
            : {}),
        },
      });
      return id;
    },
  };
}

/** One page of `GET /2/dm_events`: newest first, `next_token` while older events remain. */
function dmEventsPage(
  events: Array<{ event: Record<string, unknown>; user: XUser | null; media?: object }>,
  url: URL,
  size: number,
): FakeAnswer {
  const start = Number(url.searchParams.get("pagination_token") ?? 0);
  const page = events.slice(start, start + size);
  const users = page.flatMap(({ user }) => (user ? [user] : []));
  return {
    status: 200,
    body: {
      data: page.map(({ event }) => event),
      includes: {
        users: users.map((user) => ({
          id: user.id,
          name: user.name,
          username: user.username,
          profile_image_url: user.avatar,
          public_metrics: { followers_count: user.followers, following_count: 10 },
        })),
        media: page.flatMap(({ media }) => (media ? [media] : [])),
      },
      meta: {
        result_count: page.length,
        ...(start + size < events.length ? { next_token: String(start + size) } : {}),
      },
    },
  };
}

/** X's problem documents, e.g. `{"title":"Too Many Requests","detail":…,"status":429}`. */
export function problem(status: number, title: string, detail: string, headers = {}) {
  return { status, headers, body: { title, detail, type: "about:blank", status } };
}

/** What X answers when a rate limit is hit: 429 with the reset time (epoch seconds). */
export function rateLimited(resetInSeconds = 1): FakeAnswer {
  return problem(429, "Too Many Requests", "Too Many Requests", {
    "x-rate-limit-limit": "100",
    "x-rate-limit-remaining": "0",
    "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds),
  });
}

/** Recomputes the OAuth 1.0a HMAC-SHA1 signature as X does (RFC 5849 §3.4). */
function validOAuth(request: RecordedRequest, url: URL, credentials: XFakeCredentials): boolean {
  const header = String(request.headers.authorization ?? "");
  if (!header.startsWith("OAuth ")) return false;
  const fields = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    fields.set(match[1]!, decodeURIComponent(match[2]!));
  }
  if (
    fields.get("oauth_consumer_key") !== credentials.consumerKey ||
    fields.get("oauth_token") !== credentials.accessToken ||
    fields.get("oauth_signature_method") !== "HMAC-SHA1" ||
    fields.get("oauth_version") !== "1.0" ||
    !fields.get("oauth_nonce") ||
    Math.abs(Number(fields.get("oauth_timestamp")) - Date.now() / 1000) > 300
  ) {
    return false;
  }
  const encode = (value: string) =>
    encodeURIComponent(value).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const pairs = [...fields, ...url.searchParams]
    .filter(([key]) => key !== "oauth_signature")
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : 1) : ka < kb ? -1 : 1));
  const params = pairs.map(([key, value]) => `${key}=${value}`).join("&");
  const target = encode(`http://${request.headers.host}${url.pathname}`);
  const base = `${request.method}&${target}&${encode(params)}`;
  const expected = createHmac(
    "sha1",
    `${encode(credentials.consumerSecret)}&${encode(credentials.accessTokenSecret)}`,
  )
    .update(base)
    .digest("base64");
  return expected === fields.get("oauth_signature");
}
