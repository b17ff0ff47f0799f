import { slaReconciler } from "../../sla/reconciler.ts";
import type { Processor } from "../processor.ts";

/**
 * Keeps every conversation's SLA clocks in line with it: after it is created, changed (status,
 * priority, category, channel, team) or gets a message or a delivery outcome.
 */
export const slaProcessor: Processor = {
  name: "sla",
  batchSize: 10,
  events: ["conversation.created", "conversation.updated", "message.created", "message.updated"],
  async handle(services, event) {
    const conversationId = event.payload.conversationId;
    if (typeof conversationId !== "string") return;
    await slaReconciler(services.db, { accountId: event.accountId, conversationId });
  },
};
