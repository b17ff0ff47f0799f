import { z } from "zod";
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  IDENTITY_KINDS,
  LOCALES,
  MESSAGE_DIRECTIONS,
  PRIORITIES,
  ROLES,
  SENTIMENTS,
  VISIBILITIES,
} from "./enums.ts";
import { ZConversationSla } from "./sla.ts";

/** The objects the API answers with, shared by the server's presenters and the web app. */

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const ZUserRef = z.object({ id: z.string(), name: z.string() });

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(LOCALES).nullable(),
  timeZone: z.string().nullable(),
  available: z.boolean(),
  disabled: z.boolean(),
  teamIds: z.array(z.string()),
  createdAt: ZDateTime,
  signature: z
    .string()
    .nullable()
    .describe(
      'Appended to the agent\'s public social replies where the channel signs them ("— Camille", "^CM")',
    ),
});
export type TUser = z.infer<typeof ZUser>;

export const ZAccount = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: z.enum(LOCALES),
  publicName: z
    .string()
    .nullable()
    .describe("The business name customers see (signs canned and automatic replies); null: name"),
  assignOnReply: z
    .boolean()
    .describe("Replying to an unassigned conversation assigns it to the replier"),
});
export type TAccount = z.infer<typeof ZAccount>;

export const ZTeam = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.object({
    languages: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    channelKinds: z.array(z.string()).optional(),
  }),
  memberIds: z.array(z.string()),
  /** Business hours for callbacks: an IANA zone and weekly opening intervals ("HH:MM"). */
  timeZone: z.string().nullable(),
  businessHours: z
    .record(z.string(), z.array(z.tuple([z.string(), z.string()])))
    .nullable()
    .describe("Weekly opening intervals by day (mon … sun), null when the team has none"),
  createdAt: ZDateTime,
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZChannel = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  webhookUrl: z.string(),
  disabled: z.boolean(),
  /** Whether agents may attach files to replies here, and how many / how heavy; null: none. */
  attachments: z.object({ maxFiles: z.number(), maxTotalBytes: z.number() }).nullable(),
  createdAt: ZDateTime,
  /** When it last received a message, the last error a send met there, its token's expiry. */
  health: z.object({
    lastReceivedAt: ZDateTime.nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: ZDateTime.nullable(),
    tokenExpiresAt: ZDateTime.nullable().describe("Null when the provider does not say"),
  }),
  signPublicReplies: z.boolean().describe("Public replies carry their agent's signature"),
  publicReplyLimit: z
    .number()
    .nullable()
    .describe("The network's length limit for a public reply (characters); null: none"),
  emailHeaders: z.boolean().describe("Replies may set their subject, To, Cc and Bcc (email)"),
});
export type TChannel = z.infer<typeof ZChannel>;

export const ZChannelRef = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
});

export const ZIdentity = z.object({
  id: z.string(),
  kind: z.enum(IDENTITY_KINDS),
  value: z.string(),
  displayName: z.string().nullable(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  followers: z.number().nullable(),
  verified: z.boolean(),
});
export type TIdentity = z.infer<typeof ZIdentity>;

export const ZContactSummary = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
});

export const ZContact = ZContactSummary.extend({
  locale: z.string().nullable(),
  timeZone: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: ZDateTime,
  identities: z.array(ZIdentity),
  blockedAt: ZDateTime.nullable().describe(
    "Blocked: their messages are stored but open no conversation and notify nobody",
  ),
});
export type TContact = z.infer<typeof ZContact>;

/** The message a search found in a conversation, with the matched words as character ranges. */
export const ZSearchMatch = z.object({
  messageId: z.string(),
  text: z.string(),
  highlights: z.array(z.object({ start: z.number(), end: z.number() })),
});
export type TSearchMatch = z.infer<typeof ZSearchMatch>;

export const ZConversation = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.enum(PRIORITIES),
  visibility: z.enum(VISIBILITIES),
  contact: ZContactSummary,
  channel: ZChannelRef.nullable(),
  assignee: ZUserRef.nullable(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  language: z.string().nullable(),
  category: z.string().nullable(),
  categoryConfidence: z.number().nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  sentimentScore: z.number().nullable(),
  urgencyScore: z.number().nullable(),
  labels: z.array(z.string()),
  waitingSince: ZDateTime.nullable(),
  firstResponseAt: ZDateTime.nullable(),
  resolvedAt: ZDateTime.nullable(),
  snoozedUntil: ZDateTime.nullable(),
  lastMessageAt: ZDateTime,
  lastMessage: z
    .object({ text: z.string(), direction: z.enum(MESSAGE_DIRECTIONS), createdAt: ZDateTime })
    .nullable(),
  unread: z.boolean(),
  createdAt: ZDateTime,
  /** The SLA clocks (null without a policy) and the open promise due first, if any. */
  sla: ZConversationSla.nullable(),
  openPromise: z.object({ id: z.string(), text: z.string(), dueAt: ZDateTime }).nullable(),
  updatedAt: ZDateTime,
  spam: z.boolean().describe("Marked as spam: closed, out of lists (by default) and reports"),
  /** Only in a search's answer: the latest message that matched (null: the customer or subject did). */
  match: ZSearchMatch.nullable().optional(),
});
export type TConversation = z.infer<typeof ZConversation>;

export const ZAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
  inline: z.boolean(),
  /** Why a file the provider named could not be kept in Relais (too large, gone). */
  unavailable: z.enum(["too_large", "unavailable"]).optional(),
});

export const ZMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  visibility: z.enum(VISIBILITIES),
  author: z.object({
    type: z.enum(["user", "contact", "system"]),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  channel: ZChannelRef.nullable(),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(ZAttachment),
  externalId: z.string().nullable(),
  delivery: z
    .object({
      status: z.enum(DELIVERY_STATUSES),
      error: z.string().nullable(),
      attempts: z.number(),
      sentAt: ZDateTime.nullable(),
      deliveredAt: ZDateTime.nullable(),
      readAt: ZDateTime.nullable(),
      /**
       * While a failed attempt waits for the next (still `queued`): which attempt failed, how
       * many there will be at most, when the next is due and what the provider answered.
       */
      retry: z
        .object({
          attempt: z.number(),
          maxAttempts: z.number(),
          nextAttemptAt: ZDateTime.nullable(),
          lastError: z.string().nullable(),
        })
        .nullable()
        .optional(),
    })
    .nullable(),
  metadata: z.record(z.string(), z.unknown()),
  editedAt: ZDateTime.nullable(),
  deleted: z.boolean(),
  createdAt: ZDateTime,
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZStatusCounts = z.object({
  open: z.number(),
  pending: z.number(),
  snoozed: z.number(),
  resolved: z.number(),
});
export type TStatusCounts = z.infer<typeof ZStatusCounts>;
