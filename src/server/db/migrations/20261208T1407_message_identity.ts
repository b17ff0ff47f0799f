import type { Migration } from "../migrate.ts";

/**
 * The identity an inbound message came through, so undoing a merge sends back with an identity
 * the messages (and conversations) that arrived through it after the merge.
 */
export const messageIdentity: Migration = {
  name: "20261208T1407_message_identity",
  statements: [`alter table messages add column identity_id uuid`],
};
