import type { Migration } from "../migrate.ts";

/**
 * What demo data created in an account (channels, agents, teams, rules, canned replies, contacts,
 * conversations), one row each, so that "Delete demo data" removes exactly that and nothing the
 * team made since.
 */
export const demoRecords: Migration = {
  name: "20261209T1802_demo_records",
  statements: [
    `create table demo_records (
       account_id uuid not null references accounts(id) on delete cascade,
       table_name text not null check (table_name in
         ('channels', 'users', 'teams', 'rules', 'canned_replies', 'contacts', 'conversations')),
       record_id uuid not null,
       created_at timestamptz not null default now(),
       primary key (account_id, table_name, record_id)
     )`,
  ],
};
