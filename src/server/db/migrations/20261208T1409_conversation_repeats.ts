import type { Migration } from "../migrate.ts";

/**
 * A conversation that repeats an earlier one (same customer, same problem, within the account's
 * window): the earlier conversation, why (`same_order`, `similar_text`), and the chain's first
 * conversation, so contacts per resolution counts a problem's conversations on every channel.
 */
export const conversationRepeats: Migration = {
  name: "20261208T1409_conversation_repeats",
  statements: [
    `alter table conversations add column repeat_of_id uuid,
       add column repeat_reason text check (repeat_reason in ('same_order', 'similar_text')),
       add column chain_id uuid`,
    `create index conversations_chain on conversations (account_id, chain_id) where chain_id is not null`,
  ],
};
