import { z } from "zod";
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  PRIORITIES,
  SENTIMENTS,
  VISIBILITIES,
} from "./enums.ts";

/**
 * Automation rules (when … if … then …), canned replies and team assignment: the shapes the API
 * takes and answers with, shared by the server (validation on save) and the web app (forms).
 */

/** When a rule is considered. */
export const RULE_TRIGGERS = [
  "message.received",
  "conversation.created",
  "conversation.status_changed",
  "conversation.triaged",
  "sla.warning",
  "sla.breached",
  /** A customer's survey answer brought a CES or CSAT at or below the low-score threshold. */
  "survey.low_score",
] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ASSIGNMENT_MODES = ["manual", "round_robin", "capacity"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** Variables a canned reply (and a notification text) may use, as `{{contact.name}}`. */
export const TEMPLATE_VARIABLES = [
  "contact.name",
  "contact.email",
  "conversation.number",
  "conversation.subject",
  "agent.name",
  "account.name",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** "HH:MM"; "24:00" ends a window at midnight. */
const ZTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: "must be HH:MM" });
const ZShortText = z.string().trim().min(1).max(200);
const ZRef = z.uuid({ message: "must be a valid id" });
/** `negate: true` turns "is" into "is not". */
const negate = { negate: z.boolean().default(false) };

export const ZRuleCondition = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("channel_kind"),
      in: z.array(z.enum(CHANNEL_KINDS)).min(1),
      ...negate,
    })
    .strict(),
  z.object({ type: z.literal("channel"), in: z.array(ZRef).min(1).max(50), ...negate }).strict(),
  z
    .object({
      type: z.literal("category"),
      /** A category ("delivery.late") or a family ("delivery.*"). */
      in: z.array(z.string().min(1).max(60)).min(1).max(40),
      ...negate,
    })
    .strict(),
  z
    .object({ type: z.literal("sentiment"), in: z.array(z.enum(SENTIMENTS)).min(1), ...negate })
    .strict(),
  z
    .object({
      type: z.literal("language"),
      in: z.array(z.string().regex(/^[a-z]{2}$/, { message: "must be a 2-letter code" })).min(1),
      ...negate,
    })
    .strict(),
  z
    .object({ type: z.literal("priority"), in: z.array(z.enum(PRIORITIES)).min(1), ...negate })
    .strict(),
  z
    .object({
      type: z.literal("status"),
      in: z.array(z.enum(CONVERSATION_STATUSES)).min(1),
      ...negate,
    })
    .strict(),
  z.object({ type: z.literal("visibility"), is: z.enum(VISIBILITIES), ...negate }).strict(),
  z
    .object({
      type: z.literal("text_contains"),
      /** Any of these words or phrases, ignoring case and accents. */
      any: z.array(ZShortText).min(1).max(50),
      ...negate,
    })
    .strict(),
  z
    .object({
      type: z.literal("contact_email_domain"),
      in: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: "must be a domain" }),
        )
        .min(1)
        .max(50),
      ...negate,
    })
    .strict(),
  z.object({ type: z.literal("label"), has: z.string().trim().min(1).max(40), ...negate }).strict(),
  z.object({ type: z.literal("followers"), atLeast: z.number().int().min(0), ...negate }).strict(),
  z
    .object({
      type: z.literal("time"),
      /** In the account's time zone, from (included) to (excluded); `from` after `to` spans midnight. */
      days: z
        .array(z.enum(WEEKDAYS))
        .min(1)
        .default([...WEEKDAYS]),
      from: ZTime.default("00:00"),
      to: ZTime.default("24:00"),
      ...negate,
    })
    .strict(),
  z
    .object({
      type: z.literal("business_hours"),
      /**
       * Whose opening hours: a team's, or (null) those of the conversation's team; a team that
       * has not set its hours falls back to the first team that has, else weekdays 9–18 in the
       * account's zone — the same hours that bound phone callbacks.
       */
      teamId: ZRef.nullable().default(null),
      ...negate,
    })
    .strict(),
]);
export type TRuleCondition = z.infer<typeof ZRuleCondition>;
/** What a form may send: `negate`, and a time condition's days and hours, are optional. */
export type TRuleConditionInput = z.input<typeof ZRuleCondition>;
export type RuleConditionType = TRuleCondition["type"];

export const ZRuleAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign_user"), userId: ZRef }).strict(),
  z.object({ type: z.literal("assign_team"), teamId: ZRef }).strict(),
  z.object({ type: z.literal("set_priority"), priority: z.enum(PRIORITIES) }).strict(),
  z.object({ type: z.literal("add_label"), label: z.string().trim().min(1).max(40) }).strict(),
  z.object({ type: z.literal("reply"), cannedReplyId: ZRef }).strict(),
  z
    .object({
      type: z.literal("notify"),
      /** Shown to agents; may use the canned-reply variables. */
      text: z.string().trim().min(1).max(500),
      /** Who should see it; empty means every agent of the account. */
      userIds: z.array(ZRef).max(100).default([]),
    })
    .strict(),
  /** Reopens a resolved, pending or snoozed conversation. */
  z.object({ type: z.literal("reopen") }).strict(),
]);
export type TRuleAction = z.infer<typeof ZRuleAction>;
export type TRuleActionInput = z.input<typeof ZRuleAction>;
export type RuleActionType = TRuleAction["type"];

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const ZRule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  position: z.number(),
  trigger: z.enum(RULE_TRIGGERS),
  conditions: z.array(ZRuleCondition),
  actions: z.array(ZRuleAction),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TRule = z.infer<typeof ZRule>;

export const ZRuleCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(true),
    /** Rules run in ascending position; by default a new rule runs last. */
    position: z.number().int().min(0).max(100_000).optional(),
    trigger: z.enum(RULE_TRIGGERS),
    /** All must match (an empty list always matches). */
    conditions: z.array(ZRuleCondition).max(30).default([]),
    actions: z.array(ZRuleAction).min(1).max(20),
  })
  .strict();
export type TRuleCreateRequest = z.infer<typeof ZRuleCreateRequest>;

export const ZRuleUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    trigger: z.enum(RULE_TRIGGERS).optional(),
    conditions: z.array(ZRuleCondition).max(30).optional(),
    actions: z.array(ZRuleAction).min(1).max(20).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TRuleUpdateRequest = z.infer<typeof ZRuleUpdateRequest>;

export const ZRuleTestRequest = z.object({ conversationId: ZRef }).strict();

export const ZRuleTestResult = z.object({
  matched: z.boolean(),
  conditions: z.array(z.object({ condition: ZRuleCondition, matched: z.boolean() })),
  actions: z.array(ZRuleAction),
});
export type TRuleTestResult = z.infer<typeof ZRuleTestResult>;

export const ZCannedReply = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  bodyFr: z.string().nullable(),
  bodyEn: z.string().nullable(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TCannedReply = z.infer<typeof ZCannedReply>;

const ZShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
    message: "must be 1 to 40 letters, digits, - or _",
  });
const ZBody = z.string().trim().min(1).max(5000).nullable();

export const ZCannedReplyCreateRequest = z
  .object({
    shortcut: ZShortcut,
    title: z.string().trim().min(1).max(120),
    bodyFr: ZBody.default(null),
    bodyEn: ZBody.default(null),
  })
  .strict()
  .refine((value) => value.bodyFr !== null || value.bodyEn !== null, {
    message: "Write the reply in French, English or both.",
    path: ["bodyFr"],
  });
export type TCannedReplyCreateRequest = z.infer<typeof ZCannedReplyCreateRequest>;

export const ZCannedReplyUpdateRequest = z
  .object({
    shortcut: ZShortcut.optional(),
    title: z.string().trim().min(1).max(120).optional(),
    bodyFr: ZBody.optional(),
    bodyEn: ZBody.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TCannedReplyUpdateRequest = z.infer<typeof ZCannedReplyUpdateRequest>;

export const ZCannedReplyRenderRequest = z.object({ conversationId: ZRef }).strict();

export const ZCannedReplyRendered = z.object({
  language: z.enum(["fr", "en"]),
  text: z.string(),
});
export type TCannedReplyRendered = z.infer<typeof ZCannedReplyRendered>;

export const ZTeamAssignment = z.object({
  teamId: z.string(),
  mode: z.enum(ASSIGNMENT_MODES),
  maxOpenPerAgent: z.number().nullable(),
  members: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      available: z.boolean(),
      openCount: z.number(),
    }),
  ),
  waiting: z.number().describe("Open conversations of the team that nobody holds"),
});
export type TTeamAssignment = z.infer<typeof ZTeamAssignment>;

export const ZTeamAssignmentUpdateRequest = z
  .object({
    mode: z.enum(ASSIGNMENT_MODES).optional(),
    maxOpenPerAgent: z.number().int().min(1).max(1000).nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change." });
export type TTeamAssignmentUpdateRequest = z.infer<typeof ZTeamAssignmentUpdateRequest>;

/** The payload of `notification.created`, delivered live to the account's agents. */
export interface NotificationPayload {
  conversationId: string;
  ruleId: string;
  text: string;
  /** Empty: every agent of the account. */
  userIds: string[];
}
