import { z } from "zod";

/**
 * An agent's notifications: what rules asked to tell them and callbacks that fall due (each also
 * sent live as a `notification.created` event); `read` once the agent has opened the list past them.
 */
export const ZNotification = z.object({
  id: z.string().describe("Numbered per account; newer notifications have larger ids"),
  kind: z.enum([
    "rule",
    "callback_due",
    "sla_warning",
    "sla_breached",
    "promise_broken",
    "other",
    "mention",
    "listening_spike",
  ]),
  text: z.string().nullable().describe("The rule's text; null for the kinds the app words itself"),
  conversationId: z.string().nullable(),
  ruleId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe(
      "What the app words the notification from, in the reader's language (mention: byName, number)",
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
