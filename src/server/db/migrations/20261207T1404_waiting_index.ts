import type { Migration } from "../migrate.ts";

/**
 * The urgency refresher walks every waiting, triaged conversation of every account in batches:
 * this index gives it that set in (waiting_since, account_id, id) order, without the table.
 */
export const waitingIndex: Migration = {
  name: "20261207T1404_waiting_index",
  statements: [
    `create index conversations_waiting on conversations (waiting_since, account_id, id)
       where status = 'open' and waiting_since is not null and triaged_at is not null`,
  ],
};
