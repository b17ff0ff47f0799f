import { z } from "zod";

/**
 * What a notification is about; the reader's app words each from its params, in the reader's
 * language (only `rule` carries text: the one its admin wrote).
 */
export const NOTIFICATION_KINDS = [
  "rule",
  "callback_due",
  "sla_warning",
  "sla_breached",
  "promise_broken",
  "other",
  "mention",
  "assigned",
  "customer_replied",
  "reply_failed",
  "survey_low_score",
  "approval_needed",
  "listening_spike",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds an agent can mute in the app or have emailed (`other` is not a choice). */
export const NOTIFICATION_SETTING_KINDS = NOTIFICATION_KINDS.filter(
  (kind): kind is Exclude<NotificationKind, "other"> => kind !== "other",
);

export const ZNotificationSetting = z.object({
  kind: z.enum(NOTIFICATION_SETTING_KINDS),
  inApp: z.boolean().describe("Rings in the app: the bell's list and the live toast"),
  email: z.boolean().describe("Also sent by email, through the account's email channel"),
});
export type TNotificationSetting = z.infer<typeof ZNotificationSetting>;

export const ZNotificationSettingsUpdate = z
  .object({ settings: z.array(ZNotificationSetting).min(1).max(NOTIFICATION_KINDS.length) })
  .strict();

/**
 * An agent's notifications: what rules asked to tell them and callbacks that fall due (each also
 * sent live as a `notification.created` event); `read` once the agent has opened the list past them.
 */
export const ZNotification = z.object({
  id: z.string().describe("Numbered per account; newer notifications have larger ids"),
  kind: z.enum(NOTIFICATION_KINDS),
  text: z.string().nullable().describe("The rule's text; null for the kinds the app words itself"),
  conversationId: z.string().nullable(),
  ruleId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe(
      "What the app words the notification from, in the reader's language (mention and assigned: byName, number; customer_replied, reply_failed: number, contactName; survey_low_score: scores; approval_needed: action)",
    ),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZNotificationReadRequest = z
  .object({
    upTo: z
      .string()
      .regex(/^\d{1,18}$/, "must be a notification id")
      .optional()
      .describe("Mark read up to this notification (included); the newest when absent"),
  })
  .strict();
