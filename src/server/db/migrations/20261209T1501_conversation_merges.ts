import type { Migration } from "../migrate.ts";

/**
 * A conversation merged into another one (the same customer's same problem): it keeps its number
 * and stays resolved, empty, pointing at the conversation that took its messages.
 */
export const conversationMerges: Migration = {
  name: "20261209T1501_conversation_merges",
  statements: [`alter table conversations add column merged_into_id uuid`],
};
