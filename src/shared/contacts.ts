import { z } from "zod";
import { ZContact } from "./schemas.ts";

/** A contact as the contacts list shows it: the record, how often and how lately they wrote. */
export const ZContactListItem = ZContact.extend({
  conversationCount: z.number().int(),
  lastActivityAt: z
    .string()
    .nullable()
    .describe("ISO 8601 date-time of the latest message of their conversations, null if none"),
});
export type TContactListItem = z.infer<typeof ZContactListItem>;
