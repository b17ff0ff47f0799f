import type { Migration } from "../migrate.ts";

/** The conversations that repeat one: the effort report asks it of every resolution it counts. */
export const conversationRepeatOfIndex: Migration = {
  name: "20261209T1502_conversation_repeat_of_index",
  statements: [
    `create index conversations_repeat_of on conversations (account_id, repeat_of_id)
       where repeat_of_id is not null`,
  ],
};
