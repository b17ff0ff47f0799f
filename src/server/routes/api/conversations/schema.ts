import { z } from "zod";
import { ZConversationOrder } from "../../../../shared/backoffice.ts";
import {
  CONVERSATION_STATUSES,
  PRIORITIES,
  SENTIMENTS,
  VISIBILITIES,
} from "../../../../shared/enums.ts";
import { ZInstant } from "../../../../shared/instant.ts";
import { ZEmailHeaders } from "../../../../shared/replies.ts";
import { ZConversation, ZMessage, ZStatusCounts } from "../../../../shared/schemas.ts";
import { ZNextStep, ZPromise } from "../../../../shared/sla.ts";
import { ZConversationSurvey } from "../../../../shared/surveys.ts";
import { MAX_ATTACHMENTS_PER_REPLY } from "../../../attachments/uploads.ts";
import { RESOLVE_WARNINGS } from "../../../models/resolveWarnings.ts";
import { CATEGORIES } from "../../../triage/categories.ts";
import { ZId } from "../../route.ts";

const ZStatusList = z
  .string()
  .transform((value) => value.split(",").filter(Boolean))
  .pipe(z.array(z.enum(CONVERSATION_STATUSES)));

export const CONVERSATION_SORTS = [
  "waiting_newest",
  "waiting_oldest",
  "recent",
  "sla_due",
] as const;

export const ZConversationListQuery = z.object({
  status: ZStatusList.optional().describe("One status or several, comma-separated"),
  channelId: ZId.optional(),
  assigneeId: z.union([ZId, z.enum(["me", "none"])]).optional(),
  teamId: ZId.optional(),
  contactId: ZId.optional(),
  category: z.string().max(60).optional(),
  language: z.string().max(10).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  q: z.string().trim().min(1).max(200).optional().describe("Full-text search, French and English"),
  sla: z
    .enum(["breached", "due_soon"])
    .optional()
    .describe(
      "breached: an SLA clock running late; due_soon: past its warning or due within an hour",
    ),
  label: z.string().trim().min(1).max(40).optional().describe("Conversations carrying this label"),
  spam: z
    .enum(["exclude", "only", "include"])
    .optional()
    .describe("Spam (and blocked contacts' messages): left out unless asked (default exclude)"),
  sort: z
    .enum(CONVERSATION_SORTS)
    .default("waiting_newest")
    .describe("sla_due: the nearest SLA due time first"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TConversationListQuery = z.infer<typeof ZConversationListQuery>;

export const ZConversationListResponse = {
  data: z.array(ZConversation),
  nextCursor: z.string().optional(),
  counts: ZStatusCounts,
};

export const ZConversationUpdateRequest = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    assigneeId: ZId.nullable().optional(),
    teamId: ZId.nullable().optional(),
    snoozedUntil: ZInstant.nullable().optional(),
    category: z.enum(CATEGORIES).nullable().optional(),
    labels: z.array(z.string().min(1).max(40)).max(20).optional(),
    subject: z.string().max(300).nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TConversationUpdateRequest = z.infer<typeof ZConversationUpdateRequest>;

export const ZReplyTemplate = z
  .object({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15),
    variables: z.array(z.string().max(1024)).max(20).default([]),
  })
  .strict();

export const ZMessageCreateRequest = z
  .object({
    text: z.string().trim().max(20_000).default(""),
    kind: z.enum(["reply", "note"]).default("reply"),
    visibility: z.enum(VISIBILITIES).optional(),
    template: ZReplyTemplate.optional().describe("An approved provider template (WhatsApp)"),
    attachmentIds: z
      .array(ZId)
      .max(MAX_ATTACHMENTS_PER_REPLY)
      .optional()
      .describe("Files uploaded with POST /api/v1/attachments and not yet sent"),
    nextStep: ZNextStep.optional().describe(
      "A next step promised to the customer: the reply ends with it and its time",
    ),
    mentions: z
      .array(ZId)
      .max(20)
      .optional()
      .describe("Teammates @mentioned in a note: kept on the note, each notified"),
    email: ZEmailHeaders.optional().describe(
      "An email reply's subject, To, Cc and Bcc (absent: the thread's subject, the customer)",
    ),
  })
  .strict()
  .refine(
    (value) => value.text.length > 0 || value.template || (value.attachmentIds ?? []).length > 0,
    { message: "The message is empty.", path: ["text"] },
  )
  .refine((value) => !value.nextStep || value.kind === "reply", {
    message: "Only a reply can carry a next step.",
    path: ["nextStep"],
  })
  .refine((value) => !value.mentions?.length || value.kind === "note", {
    message: "Only a note can mention teammates.",
    path: ["mentions"],
  })
  .refine((value) => !value.email || value.kind === "reply", {
    message: "Only a reply has a subject and recipients.",
    path: ["email"],
  })
  .refine((value) => !value.template || value.kind === "reply", {
    message: "Only a reply can use a template.",
    path: ["template"],
  });
export type TMessageCreateRequest = z.infer<typeof ZMessageCreateRequest>;

/** A reply that carried a next step answers with the promise it made. */
export const ZMessageCreated = ZMessage.extend({ promise: ZPromise.nullable() });

export const ZMessageListQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const ZMessageParams = z.object({ id: ZId, messageId: ZId });

export const ZConversationDetail = ZConversation.extend({
  messages: z.array(ZMessage),
  /** The orders the customer named, and the contact's recent ones (back office). */
  orders: z.array(ZConversationOrder),
  survey: ZConversationSurvey.nullable().describe("The survey of its latest resolution"),
  repeatOf: z
    .object({
      id: z.string(),
      number: z.number().int(),
      channelKind: z.string(),
      status: z.string(),
      reason: z.enum(["same_order", "similar_text"]),
      summary: z
        .string()
        .nullable()
        .describe("What it was about: its subject, else the customer's first message (200 chars)"),
    })
    .nullable()
    .describe("The earlier conversation of the same customer about the same problem"),
  resolveWarnings: z
    .array(z.enum(RESOLVE_WARNINGS))
    .describe(
      "Why resolving now may leave the customer hanging (the app asks to confirm): our last " +
        "reply failed or is not sent yet, or the customer's last message has no answer",
    ),
});

export const ZInboxCounts = z.object({
  mine: z.number(),
  unassigned: z.number(),
  all: z.number(),
  teams: z.record(z.string(), z.number()),
});

/** `POST /api/v1/conversations/:id/merge`: the conversation merged into this one. */
export const ZConversationMergeRequest = z.object({ sourceId: ZId }).strict();
export const ZQueueSummary = z.object({
  /** Open, nobody's, the customer waiting for an answer. */
  unassignedWaiting: z.number(),
  /** The open conversation whose customer has waited longest, whoever holds it. */
  oldestWaiting: z.object({ id: z.string(), waitingSince: z.string() }).nullable(),
  /** Open conversations of urgent priority. */
  urgent: z.number(),
  /** Open conversations with an SLA clock breached, and with one due within the hour. */
  breached: z.number(),
  dueSoon: z.number(),
});

const ZLabelNames = z.array(z.string().trim().min(1).max(40)).min(1).max(20);

export const ZConversationBulkRequest = z
  .object({
    ids: z.array(ZId).min(1).max(100),
    changes: z
      .object({
        status: z.enum(CONVERSATION_STATUSES).optional(),
        priority: z.enum(PRIORITIES).optional(),
        assigneeId: ZId.nullable().optional(),
        teamId: ZId.nullable().optional(),
        snoozedUntil: ZInstant.optional(),
        addLabels: ZLabelNames.optional(),
        removeLabels: ZLabelNames.optional(),
      })
      .strict()
      .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." }),
  })
  .strict();

export const ZConversationBulkResponse = z.object({
  updated: z.array(z.string()),
  failed: z.array(
    z.object({ id: z.string(), error: z.object({ id: z.string(), message: z.string() }) }),
  ),
});
