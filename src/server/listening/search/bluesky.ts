import { z } from "zod";
import { postItem } from "../../channels/bluesky/parse.ts";
import { ZBlueskyConfig, ZBlueskySecrets } from "../../channels/bluesky/provider.ts";
import { XrpcClient, xrpcErrorReason, ZSession } from "../../channels/bluesky/xrpc.ts";
import type { SecretBox } from "../../crypto/secrets.ts";
import { buildBlueskySearches } from "../queryBuilder.ts";
import { matchesQuery } from "../terms.ts";
import {
  checkRateLimit,
  count,
  type FoundPost,
  type NetworkSearch,
  primaryLanguage,
  type SearchResult,
} from "./types.ts";

/**
 * Bluesky `app.bsky.feed.searchPosts` with `sort=latest` and `since` (the newest post's time
 * seen, inclusive: the post at that instant comes back and is stored once), paged with the
 * answer's `cursor`, through the channel's own service and session.
 */
const MAX_PAGES = 10;

const ZPostView = z.object({
  uri: z.string(),
  cid: z.string(),
  author: z.object({
    did: z.string(),
    handle: z.string(),
    displayName: z.string().nullish(),
    avatar: z.string().nullish(),
  }),
  record: z
    .object({
      text: z.string().default(""),
      createdAt: z.string().nullish(),
      langs: z.array(z.string()).nullish(),
    })
    .passthrough(),
  replyCount: z.number().nullish(),
  repostCount: z.number().nullish(),
  likeCount: z.number().nullish(),
  quoteCount: z.number().nullish(),
  indexedAt: z.string(),
});
type PostView = z.infer<typeof ZPostView>;
const ZSearchPosts = z.object({ cursor: z.string().nullish(), posts: z.array(ZPostView) });

export function blueskySearch(secrets: SecretBox): NetworkSearch {
  return {
    network: "bluesky",
    sources: (query) => buildBlueskySearches(query).map((search) => search.source),
    async search(channel, query, source, cursor, context): Promise<SearchResult> {
      const spec = buildBlueskySearches(query).find((entry) => entry.source === source);
      if (!spec) return { posts: [], cursor };
      const config = ZBlueskyConfig.parse(channel.config);
      const password = ZBlueskySecrets.parse(
        channel.secrets ? secrets.open<unknown>(channel.secrets) : {},
      ).appPassword;
      const session = ZSession.safeParse(channel.state?.session).data ?? null;
      const client = new XrpcClient(
        {
          serviceUrl: config.serviceUrl,
          identifier: config.handle,
          password,
          timeoutMs: context.timeoutMs,
          publicOnly: !context.allowPrivateAddresses,
        },
        session,
      );
      const views: PostView[] = [];
      let page: string | null = null;
      try {
        for (let index = 0; index < (cursor ? MAX_PAGES : 1); index += 1) {
          const params: Array<[string, string]> = [...spec.query];
          if (cursor) params.push(["since", cursor]);
          if (page) params.push(["cursor", page]);
          const response = await client.call("GET", "app.bsky.feed.searchPosts", {
            query: params,
          });
          checkRateLimit(response, "Bluesky", context.now);
          if (response.status !== 200) throw new Error(xrpcErrorReason(response));
          const body = ZSearchPosts.parse(JSON.parse(response.text));
          views.push(...body.posts);
          page = body.cursor ?? null;
          if (!page || body.posts.length === 0) break;
        }
      } finally {
        if (client.changed) await context.saveChannelState({ session: client.session });
      }
      const newest = views.map(sortAt).sort().at(-1) ?? null;
      const posts = views.map(toPost).filter((post) => matchesQuery(post, query));
      return { posts, cursor: newest && (!cursor || newest > cursor) ? newest : cursor };
    },
  };
}

/** The time Bluesky sorts and filters by (`since`): the earlier of creation and indexing. */
function sortAt(view: PostView): string {
  const created = view.record.createdAt ? Date.parse(view.record.createdAt) : Number.NaN;
  const indexed = Date.parse(view.indexedAt);
  const at = Number.isFinite(created) ? Math.min(created, indexed) : indexed;
  return new Date(at).toISOString();
}

function toPost(view: PostView): FoundPost {
  const item = postItem(
    {
      uri: view.uri,
      cid: view.cid,
      author: view.author,
      reason: "listening",
      record: view.record,
      indexedAt: view.indexedAt,
    },
    undefined,
  );
  if (item?.type !== "message") throw new Error("a post view is a message");
  const rkey = view.uri.split("/").pop();
  return {
    externalId: view.uri,
    text: view.record.text,
    language: primaryLanguage(view.record.langs?.[0]),
    author: {
      id: view.author.did,
      handle: `@${view.author.handle}`,
      name: view.author.displayName || null,
      followers: null,
    },
    likes: count(view.likeCount),
    reposts: count((view.repostCount ?? 0) + (view.quoteCount ?? 0)),
    replies: count(view.replyCount),
    reach: 0,
    url: `https://bsky.app/profile/${view.author.handle}/post/${rkey}`,
    postedAt: new Date(view.record.createdAt ?? view.indexedAt),
    inbound: { ...item.message, metadata: { ...item.message.metadata, listening: true } },
  };
}
