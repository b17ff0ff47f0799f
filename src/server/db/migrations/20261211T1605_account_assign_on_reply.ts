import type { Migration } from "../migrate.ts";

/** Whether replying to an unassigned conversation assigns it to the replier (on by default). */
export const accountAssignOnReply: Migration = {
  name: "20261211T1605_account_assign_on_reply",
  statements: [`alter table accounts add column assign_on_reply boolean not null default true`],
};
