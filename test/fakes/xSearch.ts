import { startFakeServer } from "../support/fakeServer.ts";

/**
 * X API v2 recent search on loopback, as documented
 * (https://docs.x.com/x-api/posts/search/api-reference/get-tweets-search-recent): `query`,
 * `since_id`, `max_results`, `next_token`; an answer of `data` (newest first, with `lang`,
 * `public_metrics`, `conversation_id`), `includes.users` (`expansions=author_id`) and `meta`
 * (`newest_id`, `oldest_id`, `result_count`, `next_token`); 429 with `Retry-After`. Plus
 * `POST /2/tweets` for replies (`reply.in_reply_to_tweet_id`). OAuth 1.0a is required (an
 * `Authorization: OAuth …` header), not verified: the signing is the X channel's own test's.
 */
export interface XSearchUser {
  id: string;
  username: string;
  name: string;
  followers: number;
}

let counter = 1_900_000_000_000_000_000n;
export function nextTweetId(): string {
  counter += 1_000n;
  return counter.toString();
}

export async function startXSearchFake() {
  const posts: Array<{ tweet: Record<string, unknown>; user: XSearchUser }> = [];
  const replies: Array<{ id: string; text: string; inReplyTo: string | null }> = [];
  const limits: Array<{ retryAfterSeconds: number }> = [];
  const fake = await startFakeServer((request) => {
    const url = new URL(request.url, "http://x.test");
    if (!String(request.headers.authorization ?? "").startsWith("OAuth ")) {
      return { status: 401, body: { title: "Unauthorized", detail: "Unauthorized", status: 401 } };
    }
    if (request.method === "GET" && url.pathname === "/2/tweets/search/recent") {
      const limit = limits.shift();
      if (limit) {
        return {
          status: 429,
          headers: { "retry-after": String(limit.retryAfterSeconds) },
          body: { title: "Too Many Requests", detail: "Too Many Requests", status: 429 },
        };
      }
      const sinceId = url.searchParams.get("since_id");
      const size = Number(url.searchParams.get("max_results") ?? 10);
      const offset = Number(url.searchParams.get("next_token") ?? 0);
      const newer = posts
        .filter((post) => !sinceId || BigInt(String(post.tweet.id)) > BigInt(sinceId))
        .sort((a, b) => (BigInt(String(b.tweet.id)) > BigInt(String(a.tweet.id)) ? 1 : -1));
      const page = newer.slice(offset, offset + size);
      const users = [...new Map(page.map((post) => [post.user.id, post.user])).values()];
      return {
        body: {
          ...(page.length > 0 ? { data: page.map((post) => post.tweet) } : {}),
          ...(page.length > 0
            ? {
                includes: {
                  users: users.map((user) => ({
                    id: user.id,
                    username: user.username,
                    name: user.name,
                    public_metrics: { followers_count: user.followers },
                  })),
                },
              }
            : {}),
          meta: {
            result_count: page.length,
            ...(page.length > 0
              ? { newest_id: page[0]?.tweet.id, oldest_id: page.at(-1)?.tweet.id }
              : {}),
            ...(offset + size < newer.length ? { next_token: String(offset + size) } : {}),
          },
        },
      };
    }
    if (request.method === "POST" && url.pathname === "/2/tweets") {
      const id = nextTweetId();
      replies.push({
        id,
        text: request.json?.text,
        inReplyTo: request.json?.reply?.in_reply_to_tweet_id ?? null,
      });
      return { status: 201, body: { data: { id, text: request.json?.text } } };
    }
    return { status: 404, body: { title: "Not Found", status: 404 } };
  });
  return {
    ...fake,
    replies,
    /** The requests to the search endpoint. */
    searches: () => fake.requests.filter((request) => request.url.startsWith("/2/tweets/search")),
    /** A public post by `user` that X's search would return. */
    post(user: XSearchUser, text: string, options: { lang?: string; impressions?: number } = {}) {
      const id = nextTweetId();
      posts.push({
        user,
        tweet: {
          id,
          text,
          author_id: user.id,
          conversation_id: id,
          created_at: new Date().toISOString(),
          lang: options.lang ?? "fr",
          edit_history_tweet_ids: [id],
          public_metrics: {
            retweet_count: 2,
            reply_count: 1,
            like_count: 5,
            quote_count: 0,
            bookmark_count: 0,
            impression_count: options.impressions ?? 1000,
          },
        },
      });
      return id;
    },
    /** The next search answers 429 with this Retry-After. */
    rateLimitNext(retryAfterSeconds: number) {
      limits.push({ retryAfterSeconds });
    },
  };
}
