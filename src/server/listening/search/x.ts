import { z } from "zod";
import { type XClient, xErrorReason, xRequest } from "../../channels/x/api.ts";
import { isoDate, v2Contact, ZV2Includes } from "../../channels/x/parse.ts";
import { ZXConfig, ZXSecrets } from "../../channels/x/provider.ts";
import type { SecretBox } from "../../crypto/secrets.ts";
import type { Channel } from "../../db/schema.ts";
import { buildXQuery } from "../queryBuilder.ts";
import {
  checkRateLimit,
  count,
  type FoundPost,
  type NetworkSearch,
  primaryLanguage,
  type SearchResult,
} from "./types.ts";

/**
 * X recent search, `GET /2/tweets/search/recent`: the query built from terms, exclusions and
 * languages, `since_id` from the newest post seen, pages (`next_token`) back to it, the author
 * and the public metrics expanded.
 */
const SEARCH_FIELDS = {
  max_results: "100",
  expansions: "author_id",
  "tweet.fields": "created_at,lang,public_metrics,conversation_id,referenced_tweets,author_id",
  "user.fields": "username,name,public_metrics,profile_image_url",
} as const;
const MAX_PAGES = 10;

const ZSearchResponse = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        author_id: z.string(),
        created_at: z.string().nullish(),
        lang: z.string().nullish(),
        conversation_id: z.string().nullish(),
        referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).nullish(),
        public_metrics: z
          .object({
            retweet_count: z.number().nullish(),
            reply_count: z.number().nullish(),
            like_count: z.number().nullish(),
            quote_count: z.number().nullish(),
            impression_count: z.number().nullish(),
          })
          .nullish(),
      }),
    )
    .default([]),
  includes: ZV2Includes,
  meta: z
    .object({
      newest_id: z.string().nullish(),
      next_token: z.string().nullish(),
      result_count: z.number().nullish(),
    })
    .nullish(),
});

export function xSearch(secrets: SecretBox): NetworkSearch {
  return {
    network: "x",
    sources: () => ["search"],
    async search(channel, query, _source, cursor, context): Promise<SearchResult> {
      const client = clientOf(channel, secrets, context);
      const text = buildXQuery(query);
      const posts: FoundPost[] = [];
      let newest: string | null = null;
      let token: string | null = null;
      for (let page = 0; page < (cursor ? MAX_PAGES : 1); page += 1) {
        const params: Record<string, string> = { ...SEARCH_FIELDS, query: text };
        if (cursor) params.since_id = cursor;
        if (token) params.next_token = token;
        const response = await xRequest(client, "GET", "/2/tweets/search/recent", {
          query: params,
        });
        checkRateLimit(response, "X", context.now);
        if (response.status !== 200) throw new Error(xErrorReason(response));
        const body = ZSearchResponse.parse(JSON.parse(response.text));
        newest ??= body.meta?.newest_id ?? body.data[0]?.id ?? null;
        posts.push(...toPosts(body));
        token = body.meta?.next_token ?? null;
        if (!token) break;
      }
      return { posts, cursor: newest ?? cursor };
    },
  };
}

function clientOf(
  channel: Channel,
  secrets: SecretBox,
  context: { timeoutMs: number; allowPrivateAddresses: boolean },
): XClient {
  const config = ZXConfig.parse(channel.config);
  return {
    apiUrl: config.apiUrl,
    credentials: ZXSecrets.parse(channel.secrets ? secrets.open<unknown>(channel.secrets) : {}),
    timeoutMs: context.timeoutMs,
    publicOnly: !context.allowPrivateAddresses,
  };
}

function toPosts(body: z.infer<typeof ZSearchResponse>): FoundPost[] {
  const users = new Map((body.includes?.users ?? []).map((user) => [user.id, user]));
  return body.data.map((tweet) => {
    const user = users.get(tweet.author_id);
    const followers = user?.public_metrics?.followers_count ?? null;
    const metrics = tweet.public_metrics;
    const parent = tweet.referenced_tweets?.find((ref) => ref.type === "replied_to")?.id ?? null;
    const url = `https://x.com/${user?.username ?? "i/web"}/status/${tweet.id}`;
    const postedAt = isoDate(tweet.created_at) ?? new Date();
    return {
      externalId: tweet.id,
      text: tweet.text,
      language: primaryLanguage(tweet.lang),
      author: {
        id: tweet.author_id,
        handle: user?.username ? `@${user.username}` : null,
        name: user?.name ?? null,
        followers,
      },
      likes: count(metrics?.like_count),
      reposts: count((metrics?.retweet_count ?? 0) + (metrics?.quote_count ?? 0)),
      replies: count(metrics?.reply_count),
      reach: count(metrics?.impression_count ?? followers),
      url,
      postedAt,
      inbound: {
        externalId: tweet.id,
        threadId: tweet.conversation_id ?? parent ?? tweet.id,
        references: parent ? [parent] : undefined,
        inReplyToExternalId: parent,
        text: tweet.text,
        visibility: "public",
        sentAt: postedAt,
        contact: v2Contact(tweet.author_id, user),
        metadata: { url, listening: true },
      },
    };
  });
}
