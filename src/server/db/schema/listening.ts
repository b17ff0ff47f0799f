import type { ColumnType, Generated, Selectable } from "kysely";
import type { InboundMessage } from "../../channels/provider.ts";

/** Listening's tables (migration 20261211T1101). Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type SearchVector = ColumnType<string, never, never>;

export type ListeningNetwork = "x" | "mastodon" | "bluesky";
export type MentionSentiment = "negative" | "neutral" | "positive";

/** A query's spike alert settings, as `alerts.negativeSpike` names them. */
export interface SpikeSettings {
  windowMinutes: number;
  baselineHours: number;
  factor: number;
  minMentions: number;
}

export interface ListeningQueryTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  terms: string[];
  exclude_terms: Generated<string[]>;
  languages: Generated<string[]>;
  channel_ids: string[];
  poll_seconds: Generated<number>;
  spike: Json<SpikeSettings | null> | null;
  webhook_url: string | null;
  /** Sealed (SecretBox): signs the webhook's `X-Relais-Signature`. */
  webhook_secret: string | null;
  emails: Generated<string[]>;
  /** False from an alert until the rate falls back under the threshold. */
  spike_armed: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MentionTable {
  account_id: string;
  id: Generated<string>;
  network: ListeningNetwork;
  external_id: string;
  channel_id: string;
  text: string;
  language: string;
  sentiment: MentionSentiment;
  sentiment_score: Generated<number>;
  category: string;
  author_id: string;
  author_handle: string | null;
  author_name: string | null;
  author_followers: number | null;
  likes: Generated<number>;
  reposts: Generated<number>;
  replies: Generated<number>;
  reach: Generated<number>;
  url: string | null;
  posted_at: Timestamp;
  found_at: Generated<Date>;
  /** Already addressed to the brand (it is in the inbox): not counted twice. */
  addressed: Generated<boolean>;
  /** The post as the channel's provider would parse it: the first message of its conversation. */
  inbound: Json<InboundMessage>;
  /** The inbox message holding this post, once there is one. */
  message_id: string | null;
  search: SearchVector;
}

export interface ListeningQueryMentionTable {
  account_id: string;
  query_id: string;
  mention_id: string;
  posted_at: Timestamp;
  sentiment: MentionSentiment;
}

export interface ListeningCursorTable {
  account_id: string;
  query_id: string;
  channel_id: string;
  /** "search", or "tag:<hashtag>" for Mastodon's hashtag timelines. */
  source: string;
  cursor: string | null;
  /** The network said 429: not asked again before this time. */
  retry_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface ListeningAlertTable {
  account_id: string;
  id: Generated<string>;
  query_id: string;
  started_at: Timestamp;
  negative_count: number;
  baseline_per_hour: number;
  sample_mention_ids: string[];
  created_at: Generated<Date>;
}

export interface ListeningTables {
  listening_queries: ListeningQueryTable;
  mentions: MentionTable;
  listening_query_mentions: ListeningQueryMentionTable;
  listening_cursors: ListeningCursorTable;
  listening_alerts: ListeningAlertTable;
}

export type ListeningQuery = Selectable<ListeningQueryTable>;
export type Mention = Selectable<MentionTable>;
export type ListeningAlert = Selectable<ListeningAlertTable>;
