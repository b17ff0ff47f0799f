import { customerRepliedNotice } from "../../notifications/notices.ts";
import type { Processor } from "../processor.ts";

/**
 * A customer's new message in a conversation already assigned: its agent is told (a repeat of
 * the same notice within the outbox's window, or a second run of this job, tells nobody twice).
 */
export const customerRepliedProcessor: Processor = {
  name: "customer-replied-notice",
  events: ["message.created"],
  batchSize: 10,
  async handle(services, event) {
    const messageId = event.payload.messageId;
    if (typeof messageId !== "string") return;
    await customerRepliedNotice(services.db, { accountId: event.accountId, messageId });
  },
};
