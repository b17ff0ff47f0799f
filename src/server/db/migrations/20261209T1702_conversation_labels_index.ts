import type { Migration } from "../migrate.ts";

/** The inbox's `?label=` filter (`labels @> array[name]`) within one account: one GIN index. */
export const conversationLabelsIndex: Migration = {
  name: "20261209T1702_conversation_labels_index",
  statements: [`create index conversations_labels on conversations using gin (account_id, labels)`],
};
