import type { Migration } from "../migrate.ts";

/**
 * A private message continues its customer's latest open conversation on its channel. With
 * indexes on (account, contact) and (account, channel, thread) only, a planner without
 * statistics (PGlite never gathers any) walked every conversation of the channel for each
 * inbound message. This index finds the customer's conversations on the channel directly, and
 * serves every query the (account, contact) one did, which it replaces.
 */
export const conversationsContactChannel: Migration = {
  name: "20261123T1200_conversations_contact_channel",
  statements: [
    `create index conversations_contact_channel on conversations
       (account_id, contact_id, channel_id, last_message_at desc)`,
    `drop index conversations_contact`,
  ],
};
