import type { Migration } from "../migrate.ts";

/**
 * A conversation marked as spam (or holding a blocked contact's messages): closed, left out of
 * the lists by default and out of every report. Null: not spam.
 */
export const conversationSpam: Migration = {
  name: "20261211T1604_conversation_spam",
  statements: [`alter table conversations add column spam_at timestamptz`],
};
