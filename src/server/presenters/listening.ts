import type { TListeningAlert, TListeningQuery, TMention } from "../../shared/listening.ts";
import type { ListeningAlert, ListeningQuery, Mention } from "../db/schema/listening.ts";
import { iso } from "./dates.ts";

export function presentListeningQuery(
  row: ListeningQuery,
  options: { webhookSecret?: string } = {},
): TListeningQuery {
  return {
    id: row.id,
    name: row.name,
    terms: row.terms,
    excludeTerms: row.exclude_terms,
    languages: row.languages,
    channelIds: row.channel_ids,
    pollSeconds: row.poll_seconds,
    alerts: { negativeSpike: row.spike ?? null },
    webhookUrl: row.webhook_url,
    ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
    emails: row.emails,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export type MentionRow = Mention & { query_ids: string[]; conversation_id: string | null };

export function presentMention(row: MentionRow): TMention {
  return {
    id: row.id,
    network: row.network,
    channelId: row.channel_id,
    externalId: row.external_id,
    text: row.text,
    language: row.language,
    sentiment: row.sentiment,
    category: row.category,
    author: {
      id: row.author_id,
      handle: row.author_handle,
      name: row.author_name,
      followers: row.author_followers,
    },
    reach: row.reach,
    engagement: { likes: row.likes, reposts: row.reposts, replies: row.replies },
    url: row.url,
    postedAt: iso(row.posted_at),
    foundAt: iso(row.found_at),
    addressed: row.addressed,
    conversationId: row.conversation_id,
    queryIds: row.query_ids ?? [],
  };
}

export function presentListeningAlert(row: ListeningAlert): TListeningAlert {
  return {
    id: row.id,
    queryId: row.query_id,
    startedAt: iso(row.started_at),
    negativeCount: row.negative_count,
    baselinePerHour: Math.round(row.baseline_per_hour * 100) / 100,
    sampleMentionIds: row.sample_mention_ids,
  };
}
