import { z } from "zod";

/** Listening (issue 15): queries over the networks' public search, mentions, stats, alerts. */

export const LISTENING_NETWORKS = ["x", "mastodon", "bluesky"] as const;
export const MENTION_SENTIMENTS = ["negative", "neutral", "positive"] as const;

/** A term: a word, a `"quoted phrase"` or a `#hashtag`. */
const ZTerm = z.string().trim().min(1).max(100);

export const ZSpikeSettings = z
  .object({
    windowMinutes: z.number().int().min(5).max(1440).default(60),
    baselineHours: z.number().int().min(1).max(720).default(24),
    factor: z.number().min(1).max(100).default(3),
    minMentions: z.number().int().min(1).max(10_000).default(5),
  })
  .strict();
export type TSpikeSettings = z.infer<typeof ZSpikeSettings>;

export const ZListeningAlerts = z
  .object({ negativeSpike: ZSpikeSettings.nullable().optional() })
  .strict();

const queryFields = {
  name: z.string().trim().min(1).max(80),
  terms: z.array(ZTerm).min(1).max(20),
  excludeTerms: z.array(ZTerm).max(20),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, "a two-letter language code")).max(10),
  channelIds: z.array(z.uuid()).min(1).max(10),
  pollSeconds: z.number().int().min(30).max(86_400),
  alerts: ZListeningAlerts,
  webhookUrl: z.url().nullable(),
  emails: z.array(z.email()).max(20),
};

export const ZListeningQueryCreateRequest = z
  .object({
    name: queryFields.name,
    terms: queryFields.terms,
    excludeTerms: queryFields.excludeTerms.default([]),
    languages: queryFields.languages.default([]),
    channelIds: queryFields.channelIds,
    pollSeconds: queryFields.pollSeconds.default(120),
    alerts: queryFields.alerts.default({}),
    webhookUrl: queryFields.webhookUrl.default(null),
    emails: queryFields.emails.default([]),
  })
  .strict();
export type TListeningQueryCreateRequest = z.infer<typeof ZListeningQueryCreateRequest>;

export const ZListeningQueryUpdateRequest = z
  .object({
    name: queryFields.name.optional(),
    terms: queryFields.terms.optional(),
    excludeTerms: queryFields.excludeTerms.optional(),
    languages: queryFields.languages.optional(),
    channelIds: queryFields.channelIds.optional(),
    pollSeconds: queryFields.pollSeconds.optional(),
    alerts: queryFields.alerts.optional(),
    webhookUrl: queryFields.webhookUrl.optional(),
    emails: queryFields.emails.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TListeningQueryUpdateRequest = z.infer<typeof ZListeningQueryUpdateRequest>;

export const ZListeningQuery = z.object({
  id: z.string(),
  name: z.string(),
  terms: z.array(z.string()),
  excludeTerms: z.array(z.string()),
  languages: z.array(z.string()),
  channelIds: z.array(z.string()),
  pollSeconds: z.number(),
  alerts: z.object({ negativeSpike: ZSpikeSettings.nullable() }),
  webhookUrl: z.string().nullable(),
  /** Signs the webhook (`X-Relais-Signature`); given in full only when the query is created. */
  webhookSecret: z.string().nullable().optional(),
  emails: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TListeningQuery = z.infer<typeof ZListeningQuery>;

export const ZMention = z.object({
  id: z.string(),
  network: z.enum(LISTENING_NETWORKS),
  channelId: z.string(),
  externalId: z.string(),
  text: z.string(),
  language: z.string(),
  sentiment: z.enum(MENTION_SENTIMENTS),
  category: z.string(),
  author: z.object({
    id: z.string(),
    handle: z.string().nullable(),
    name: z.string().nullable(),
    followers: z.number().nullable(),
  }),
  reach: z.number(),
  engagement: z.object({ likes: z.number(), reposts: z.number(), replies: z.number() }),
  url: z.string().nullable(),
  postedAt: z.string(),
  foundAt: z.string(),
  /** Already addressed to the brand: it is in the inbox, and not counted twice. */
  addressed: z.boolean(),
  /** The conversation holding it, once there is one. */
  conversationId: z.string().nullable(),
  queryIds: z.array(z.string()),
});
export type TMention = z.infer<typeof ZMention>;

export const ZMentionListQuery = z.object({
  queryId: z.uuid().optional(),
  sentiment: z.enum(MENTION_SENTIMENTS).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  network: z.enum(LISTENING_NETWORKS).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TMentionListQuery = z.infer<typeof ZMentionListQuery>;

export const ZStatsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  interval: z.enum(["hour", "day"]).default("hour"),
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

export const ZListeningStats = z.object({
  buckets: z.array(
    z.object({
      start: z.string(),
      total: z.number(),
      negative: z.number(),
      neutral: z.number(),
      positive: z.number(),
      reach: z.number(),
    }),
  ),
  velocity: z.object({ lastHour: z.number(), baselinePerHour: z.number() }),
  topAuthors: z.array(
    z.object({
      handle: z.string().nullable(),
      name: z.string().nullable(),
      followers: z.number().nullable(),
      mentions: z.number(),
      reach: z.number(),
    }),
  ),
  topTerms: z.array(z.object({ term: z.string(), mentions: z.number() })),
});
export type TListeningStats = z.infer<typeof ZListeningStats>;

export const ZListeningAlert = z.object({
  id: z.string(),
  queryId: z.string(),
  startedAt: z.string(),
  negativeCount: z.number(),
  baselinePerHour: z.number(),
  sampleMentionIds: z.array(z.string()),
});
export type TListeningAlert = z.infer<typeof ZListeningAlert>;

/** A live test of a query over the mentions already stored. */
export const ZListeningTestRequest = z
  .object({
    terms: queryFields.terms,
    excludeTerms: queryFields.excludeTerms.default([]),
    languages: queryFields.languages.default([]),
  })
  .strict();
export type TListeningTestRequest = z.infer<typeof ZListeningTestRequest>;
