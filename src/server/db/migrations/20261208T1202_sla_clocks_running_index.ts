import type { Migration } from "../migrate.ts";

/**
 * The inbox's "breaching soon" filter: an account's running, not yet breached clocks by due time,
 * so the list reads only the clocks due within the next hour (or their warning window).
 */
export const slaClocksRunningIndex: Migration = {
  name: "20261208T1202_sla_clocks_running_index",
  statements: [
    `create index sla_clocks_running on sla_clocks (account_id, due_at, conversation_id)
       where breached_at is null and met_at is null and superseded_at is null
         and due_at is not null`,
  ],
};
