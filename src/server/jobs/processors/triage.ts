import { conversationTriager } from "../../commands/conversationTriager.ts";
import type { Processor } from "../processor.ts";

/** Every customer message is triaged as soon as it is stored. */
export const triageProcessor: Processor = {
  name: "triage",
  events: ["message.created"],
  async handle(services, event) {
    const messageId = event.payload.messageId;
    if (typeof messageId !== "string") return;
    await conversationTriager(services, { accountId: event.accountId, messageId });
  },
};
