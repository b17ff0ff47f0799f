import type { Migration } from "../migrate.ts";

/** Which charts of the Reports screen each user chose to see (absent: all of them). */
export const dashboardSelections: Migration = {
  name: "20261208T1503_dashboard_selections",
  statements: [
    `create table dashboard_selections (
       account_id uuid not null references accounts(id) on delete cascade,
       user_id uuid not null,
       charts text[] not null,
       updated_at timestamptz not null default now(),
       primary key (account_id, user_id),
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,
  ],
};
