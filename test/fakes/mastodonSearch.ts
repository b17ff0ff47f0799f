import { startFakeServer } from "../support/fakeServer.ts";

/**
 * A Mastodon server's search on loopback, as documented
 * (https://docs.joinmastodon.org/methods/search/#v2, /methods/timelines/#tag):
 * `GET /api/v2/search?type=statuses&q=` answering `{"accounts": [], "statuses": [...],
 * "hashtags": []}`, `GET /api/v1/timelines/tag/:hashtag` answering statuses; both with `min_id`
 * (the page just above it, newest first) and `limit`; 429 with `Retry-After`. Plus
 * `POST /api/v1/statuses` for replies (`in_reply_to_id`). Bearer token required.
 */
export interface MastodonSearchAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  followers_count: number;
}

let counter = 111_000_000_000_000_000n;
function nextId(): string {
  counter += 1_000n;
  return counter.toString();
}

const compare = (a: string, b: string) =>
  BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;

export async function startMastodonSearchFake(options: { accessToken: string }) {
  const statuses: Array<Record<string, unknown> & { id: string; content: string }> = [];
  const posted: Array<{
    id: string;
    status: string;
    inReplyToId: string | null;
    visibility: string;
  }> = [];
  const limits: number[] = [];
  const fake = await startFakeServer((request) => {
    const url = new URL(request.url, "http://mastodon.test");
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return { status: 401, body: { error: "The access token is invalid" } };
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (request.method === "GET" && (url.pathname === "/api/v2/search" || tag)) {
      const retryAfter = limits.shift();
      if (retryAfter !== undefined) {
        return {
          status: 429,
          headers: { "retry-after": String(retryAfter) },
          body: { error: "Too many requests" },
        };
      }
      const q = (url.searchParams.get("q") ?? "").replace(/"/g, "").toLowerCase();
      const wanted = (status: { content: string }) =>
        tag
          ? status.content.toLowerCase().includes(`#${decodeURIComponent(tag[1] ?? "")}`)
          : status.content.toLowerCase().includes(q);
      const minId = url.searchParams.get("min_id");
      const limit = Number(url.searchParams.get("limit") ?? 20);
      // min_id: the `limit` statuses just above it (oldest of the newer first), shown newest first.
      const newer = statuses
        .filter(wanted)
        .filter((status) => !minId || compare(status.id, minId) > 0)
        .sort((a, b) => compare(a.id, b.id));
      const page = (minId ? newer.slice(0, limit) : newer.slice(-limit)).reverse();
      return { body: tag ? page : { accounts: [], statuses: page, hashtags: [] } };
    }
    if (request.method === "POST" && url.pathname === "/api/v1/statuses") {
      const id = nextId();
      posted.push({
        id,
        status: request.json?.status,
        inReplyToId: request.json?.in_reply_to_id ?? null,
        visibility: request.json?.visibility,
      });
      return { body: { id, url: `${fake.url}/@brand/${id}` } };
    }
    return { status: 404, body: { error: "Record not found" } };
  });
  return {
    ...fake,
    posted,
    searches: () => fake.requests.filter((request) => request.method === "GET"),
    /** A public status by `account` that the instance's search (and tag timelines) return. */
    status(account: MastodonSearchAccount, text: string, language = "fr") {
      const id = nextId();
      statuses.push({
        id,
        created_at: new Date().toISOString(),
        in_reply_to_id: null,
        visibility: "public",
        language,
        content: `<p>${text}</p>`,
        url: `${fake.url}/@${account.username}/${id}`,
        uri: `${fake.url}/users/${account.username}/statuses/${id}`,
        account: { ...account, avatar: null, url: `${fake.url}/@${account.username}` },
        media_attachments: [],
        replies_count: 0,
        reblogs_count: 3,
        favourites_count: 4,
      });
      return id;
    },
    rateLimitNext(retryAfterSeconds: number) {
      limits.push(retryAfterSeconds);
    },
  };
}
