import { randomBytes } from "node:crypto";
import { startFakeServer } from "../support/fakeServer.ts";

/**
 * A Bluesky service on loopback for search, as the lexicons document it:
 * `com.atproto.server.createSession`, `app.bsky.feed.searchPosts` (`q`, `sort=latest`,
 * `since` inclusive, `limit`, `cursor`; an answer of `posts` as `app.bsky.feed.defs#postView`
 * and a `cursor`), 429 with `Retry-After`, and `com.atproto.repo.createRecord` for replies.
 */
export interface BlueskySearchAuthor {
  did: string;
  handle: string;
  displayName: string;
}

export async function startBlueskySearchFake(options: { handle: string; appPassword: string }) {
  const brandDid = "did:plc:brandlistening";
  const posts: Array<
    Record<string, unknown> & {
      uri: string;
      indexedAt: string;
      record: Record<string, unknown> & { text: string };
    }
  > = [];
  const records: Array<{ uri: string; record: Record<string, unknown> }> = [];
  const limits: number[] = [];
  const token = `access-${randomBytes(6).toString("hex")}`;
  let clock = Date.now() - 60_000;
  const fake = await startFakeServer((request) => {
    const url = new URL(request.url, "http://pds.test");
    const nsid = url.pathname.replace(/^\/xrpc\//, "");
    if (nsid === "com.atproto.server.createSession") {
      if (request.json?.password !== options.appPassword) {
        return {
          status: 401,
          body: { error: "AuthenticationRequired", message: "Invalid identifier or password" },
        };
      }
      return {
        body: {
          did: brandDid,
          handle: options.handle,
          accessJwt: token,
          refreshJwt: `r-${token}`,
          active: true,
        },
      };
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      return {
        status: 401,
        body: { error: "AuthenticationRequired", message: "Authentication Required" },
      };
    }
    if (nsid === "app.bsky.feed.searchPosts") {
      const retryAfter = limits.shift();
      if (retryAfter !== undefined) {
        return {
          status: 429,
          headers: { "retry-after": String(retryAfter) },
          body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
        };
      }
      const q = (url.searchParams.get("q") ?? "").replace(/"/g, "").toLowerCase();
      const since = url.searchParams.get("since");
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const offset = Number(url.searchParams.get("cursor") ?? 0);
      const found = posts
        .filter((post) => post.record.text.toLowerCase().includes(q))
        .filter((post) => !since || post.indexedAt >= since)
        .sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : -1));
      const page = found.slice(offset, offset + limit);
      return {
        body: {
          posts: page,
          ...(offset + limit < found.length ? { cursor: String(offset + limit) } : {}),
        },
      };
    }
    if (nsid === "com.atproto.repo.createRecord") {
      const uri = `at://${brandDid}/app.bsky.feed.post/${randomBytes(6).toString("hex")}`;
      records.push({ uri, record: request.json?.record });
      return { body: { uri, cid: `bafyrei${randomBytes(10).toString("hex")}` } };
    }
    return { status: 400, body: { error: "MethodNotImplemented", message: nsid } };
  });
  return {
    ...fake,
    records,
    searches: () => fake.requests.filter((request) => request.url.includes("searchPosts")),
    /** A post by `author` that search returns, indexed a millisecond after the previous one. */
    post(author: BlueskySearchAuthor, text: string, langs = ["fr"]) {
      clock += 1;
      const at = new Date(clock).toISOString();
      const uri = `at://${author.did}/app.bsky.feed.post/${randomBytes(6).toString("hex")}`;
      posts.push({
        uri,
        cid: `bafyrei${randomBytes(10).toString("hex")}`,
        author: { ...author, avatar: null },
        record: { $type: "app.bsky.feed.post", text, createdAt: at, langs },
        replyCount: 0,
        repostCount: 1,
        likeCount: 7,
        quoteCount: 0,
        indexedAt: at,
      });
      return uri;
    },
    rateLimitNext(retryAfterSeconds: number) {
      limits.push(retryAfterSeconds);
    },
  };
}
