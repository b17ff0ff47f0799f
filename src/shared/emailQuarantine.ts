import { z } from "zod";

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const QUARANTINE_STATUSES = ["pending", "assigned", "discarded"] as const;

/** A mail kept in the quarantine, as listed for admins. */
export const ZEmailQuarantineItem = z.object({
  id: z.string(),
  channel: z.object({ id: z.string(), name: z.string(), address: z.string().nullable() }),
  reason: z.string().describe("Why it could not be attributed: no sender address, unreadable"),
  sender: z.string().nullable().describe("The From header as received, decoded"),
  subject: z.string().nullable(),
  preview: z.string().describe("The start of its text, plain"),
  size: z.number().describe("Bytes of the message as received"),
  status: z.enum(QUARANTINE_STATUSES),
  receivedAt: ZDateTime,
  resolvedAt: ZDateTime.nullable(),
  resolvedByUserId: z.string().nullable(),
  conversationId: z.string().nullable().describe("Where it went once assigned"),
  messageId: z.string().nullable(),
});
export type TEmailQuarantineItem = z.infer<typeof ZEmailQuarantineItem>;

export const ZEmailQuarantineDetail = ZEmailQuarantineItem.extend({
  text: z.string().describe("Its whole text, plain, to be shown inert"),
  envelope: z.object({
    sender: z.string().nullable().describe("SMTP MAIL FROM, when it came by SMTP"),
    recipients: z.array(z.string()),
  }),
});
export type TEmailQuarantineDetail = z.infer<typeof ZEmailQuarantineDetail>;
