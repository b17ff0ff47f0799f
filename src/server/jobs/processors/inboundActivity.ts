import { sql } from "kysely";
import { customerRepliedNotice } from "../../notifications/notices.ts";
import type { Processor } from "../processor.ts";

/**
 * After a customer's message is stored (outside its transaction, which stays five statements):
 * its channel's health ("last message received") moves forward, and when the conversation is
 * already assigned, its agent is told (a second run of this job tells nobody twice: the outbox
 * drops a repeat within its window).
 */
export const inboundActivityProcessor: Processor = {
  name: "inbound-activity",
  events: ["message.created"],
  batchSize: 10,
  async handle(services, event) {
    const messageId = event.payload.messageId;
    if (typeof messageId !== "string") return;
    const message = await services.db
      .selectFrom("messages")
      .select(["direction", "channel_id", "created_at"])
      .where("account_id", "=", event.accountId)
      .where("id", "=", messageId)
      .executeTakeFirst();
    if (message?.direction !== "in") return;
    if (message.channel_id) {
      await services.db
        .updateTable("channels")
        .set({
          last_received_at: sql`greatest(last_received_at, ${message.created_at}::timestamptz)`,
        })
        .where("account_id", "=", event.accountId)
        .where("id", "=", message.channel_id)
        .execute();
    }
    await customerRepliedNotice(services.db, { accountId: event.accountId, messageId });
  },
};
