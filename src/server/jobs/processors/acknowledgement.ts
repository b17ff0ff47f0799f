import { acknowledgementSender } from "../../commands/acknowledgementSender.ts";
import type { Processor } from "../processor.ts";

/**
 * A customer's first message on a channel that acknowledges it: tell them when they can expect
 * an answer (acknowledgementSender; once per conversation, whatever the retries).
 */
export const acknowledgementProcessor: Processor = {
  name: "sla-acknowledgement",
  events: ["message.created"],
  async handle(services, event) {
    const messageId = event.payload.messageId;
    if (typeof messageId !== "string") return;
    const outcome = await acknowledgementSender(services, {
      accountId: event.accountId,
      messageId,
    });
    if (outcome.status !== "none") {
      services.log.info({ accountId: event.accountId, messageId, ...outcome }, "acknowledgement");
    }
  },
};
