import { z } from "zod";
import {
  type MastodonClient,
  mastodonErrorReason,
  mastodonRequest,
} from "../../channels/mastodon/api.ts";
import { ZMastodonConfig, ZMastodonSecrets } from "../../channels/mastodon/notifications.ts";
import { compareIds, mentionItem, statusText, ZStatus } from "../../channels/mastodon/parse.ts";
import type { SecretBox } from "../../crypto/secrets.ts";
import { buildMastodonSources } from "../queryBuilder.ts";
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
 * Mastodon: `GET /api/v2/search?type=statuses` per text and `GET /api/v1/timelines/tag/:hashtag`
 * per hashtag, each from `min_id` (the newest status seen): Mastodon then answers the page just
 * above it, so pages are read forward until one comes back short. Exclusions and languages are
 * applied here, the API has neither.
 */
const PAGE_SIZE = 40;
const MAX_PAGES = 10;

const ZStatusWithCounts = ZStatus.extend({
  replies_count: z.number().nullish(),
  reblogs_count: z.number().nullish(),
  favourites_count: z.number().nullish(),
});
type Status = z.infer<typeof ZStatusWithCounts>;
const ZSearchResults = z.object({ statuses: z.array(ZStatusWithCounts).default([]) });

export function mastodonSearch(secrets: SecretBox): NetworkSearch {
  return {
    network: "mastodon",
    sources: (query) => buildMastodonSources(query).map((source) => source.source),
    async search(channel, query, source, cursor, context): Promise<SearchResult> {
      const spec = buildMastodonSources(query).find((entry) => entry.source === source);
      if (!spec) return { posts: [], cursor };
      const config = ZMastodonConfig.parse(channel.config);
      const client: MastodonClient = {
        instanceUrl: config.instanceUrl,
        accessToken: ZMastodonSecrets.parse(
          channel.secrets ? secrets.open<unknown>(channel.secrets) : {},
        ).accessToken,
        timeoutMs: context.timeoutMs,
        publicOnly: !context.allowPrivateAddresses,
      };
      const statuses: Status[] = [];
      let minId = cursor;
      for (let page = 0; page < (cursor ? MAX_PAGES : 1); page += 1) {
        const params: Array<[string, string]> = [...spec.query];
        if (minId) params.push(["min_id", minId]);
        const response = await mastodonRequest(client, "GET", spec.path, { query: params });
        checkRateLimit(response, "Mastodon", context.now);
        if (response.status !== 200) throw new Error(mastodonErrorReason(response));
        const json: unknown = JSON.parse(response.text);
        const batch = spec.source.startsWith("tag:")
          ? z.array(ZStatusWithCounts).parse(json)
          : ZSearchResults.parse(json).statuses;
        const fresh = minId ? batch.filter((status) => compareIds(status.id, minId!) > 0) : batch;
        statuses.push(...fresh);
        const newest = fresh
          .map((status) => status.id)
          .sort(compareIds)
          .at(-1);
        if (newest) minId = newest;
        if (batch.length < PAGE_SIZE || !newest) break;
      }
      const posts = statuses
        .filter((status) => status.visibility === "public" || status.visibility === "unlisted")
        .map((status) => toPost(status, config.instanceUrl))
        .filter((post) => matchesQuery(post, query));
      return { posts, cursor: minId };
    },
  };
}

function toPost(status: Status, instanceUrl: string): FoundPost {
  const item = mentionItem(status, { instanceUrl, threadId: null });
  if (item.type !== "message") throw new Error("a status is a message");
  const identity = item.message.contact.identity;
  const followers = status.account.followers_count ?? null;
  return {
    externalId: status.id,
    text: statusText(status),
    language: primaryLanguage(status.language),
    author: {
      id: identity.value,
      handle: identity.handle ?? null,
      name: status.account.display_name || status.account.username,
      followers,
    },
    likes: count(status.favourites_count),
    reposts: count(status.reblogs_count),
    replies: count(status.replies_count),
    reach: count(followers),
    url: status.url ?? status.uri ?? null,
    postedAt: new Date(status.created_at),
    inbound: {
      ...item.message,
      // The thread is the status itself: a reply continues the conversation it opens.
      threadId: status.in_reply_to_id ?? status.id,
      metadata: { ...item.message.metadata, listening: true },
    },
  };
}
