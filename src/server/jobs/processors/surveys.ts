import { resolutionRecorder } from "../../surveys/resolutions.ts";
import type { Processor } from "../processor.ts";

/**
 * A conversation's status changed: record the resolution it reached (and enqueue its survey),
 * or mark the one it left as reopened. Idempotent (see resolutionRecorder).
 */
export const surveysProcessor: Processor = {
  name: "surveys",
  batchSize: 10,
  events: ["conversation.updated"],
  async handle(services, event) {
    const conversationId = event.payload.conversationId;
    const changes = event.payload.changes;
    if (typeof conversationId !== "string") return;
    if (!Array.isArray(changes) || !changes.includes("status")) return;
    await resolutionRecorder(services, { accountId: event.accountId, conversationId });
  },
};
