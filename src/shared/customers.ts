import { z } from "zod";
import { ZContact } from "./schemas.ts";

/** One customer across channels: duplicates, merges and their undo, the timeline, repeats. */

export const DUPLICATE_EVIDENCE_KINDS = [
  "same_email",
  "same_phone",
  "similar_name",
  "similar_handle",
  "email_in_message",
  "phone_in_message",
  "same_order",
] as const;
export type DuplicateEvidenceKind = (typeof DUPLICATE_EVIDENCE_KINDS)[number];

export const ZDuplicateEvidence = z.object({
  kind: z.enum(DUPLICATE_EVIDENCE_KINDS),
  detail: z.string().describe("What matched: the address, number, names or handles compared"),
});

export const ZDuplicate = z.object({
  contact: ZContact,
  score: z.number().describe("0 to 1: how strongly the evidence says it is the same person"),
  evidence: z.array(ZDuplicateEvidence),
});
export type TDuplicate = z.infer<typeof ZDuplicate>;

export const ZContactMergeItem = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string().nullable(),
  mergedAt: z.string(),
  mergedBy: z.string().nullable().describe("The agent's name; null when Relais merged on its own"),
  mergedById: z.string().nullable(),
  reason: z.string().nullable(),
  undoneAt: z.string().nullable(),
  undoable: z.boolean(),
});
export type TContactMergeItem = z.infer<typeof ZContactMergeItem>;

export const ZContactMergeUndo = z.object({
  contact: ZContact.describe("The absorbed contact, restored"),
  survivor: ZContact,
  keptFields: z
    .array(z.string())
    .describe("The survivor's fields an agent edited after the merge: their edit stays"),
  returned: z.record(z.string(), z.number()),
});

export const ZAuditEntry = z.object({
  id: z.number(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  at: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const TIMELINE_TYPES = ["message", "note", "call", "callback", "status"] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export const ZTimelineItem = z.object({
  type: z.enum(TIMELINE_TYPES),
  id: z.string(),
  at: z.string(),
  conversationId: z.string(),
  conversationNumber: z.number(),
  channelKind: z.string().nullable(),
  channelName: z.string().nullable(),
  direction: z.string().nullable().describe("message: in, out; call: inbound, outbound"),
  text: z.string().nullable().describe("The message or note text, plain"),
  status: z
    .string()
    .nullable()
    .describe("status: the conversation's new status; call, callback: theirs"),
  author: z.string().nullable(),
});
export type TTimelineItem = z.infer<typeof ZTimelineItem>;

export const REPEAT_REASONS = ["same_order", "similar_text"] as const;

export const ZRepeatOf = z.object({
  id: z.string(),
  number: z.number(),
  channelKind: z.string().nullable(),
  reason: z.enum(REPEAT_REASONS),
  subject: z.string().nullable(),
  status: z.string(),
  summary: z.string().nullable().describe("The earlier conversation's first customer message"),
});
export type TRepeatOf = z.infer<typeof ZRepeatOf>;
