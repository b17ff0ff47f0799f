import type { Migration } from "../migrate.ts";

/**
 * The inbox's "breached" filter: the running clocks of an account that have breached, so the list
 * starts from those few clocks instead of probing every conversation of the account.
 */
export const slaClocksBreachedIndex: Migration = {
  name: "20261208T1201_sla_clocks_breached_index",
  statements: [
    `create index sla_clocks_breached on sla_clocks (account_id, conversation_id)
       where breached_at is not null and met_at is null and superseded_at is null`,
  ],
};
