import type { Migration } from "../migrate.ts";

/**
 * The account's labels, each with a colour. Conversations keep the names they carry in their
 * `labels` array (rules write names too); renaming or deleting a label here rewrites them.
 */
export const labels: Migration = {
  name: "20261209T1701_labels",
  statements: [
    `create table labels (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text not null check (length(name) between 1 and 40),
       colour text not null,
       description text,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create unique index labels_name on labels (account_id, lower(name))`,
  ],
};
