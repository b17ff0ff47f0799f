import type { Migration } from "../migrate.ts";

/**
 * One row per merge, kept so it can be undone exactly: the absorbed contact as it was, the
 * survivor's fields before and after, and the ids of every row that moved (per table). `undone_at`
 * is set when it is undone; undoing twice is refused.
 */
export const contactMerges: Migration = {
  name: "20261208T1405_contact_merges",
  statements: [
    `create table contact_merges (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       target_id uuid not null,
       source_id uuid not null,
       source jsonb not null,
       target_before jsonb not null,
       target_after jsonb not null,
       moved jsonb not null,
       reason text,
       merged_by uuid,
       merged_at timestamptz not null default now(),
       undone_at timestamptz,
       undone_by uuid,
       primary key (account_id, id)
     )`,
    `create index contact_merges_target on contact_merges (account_id, target_id, merged_at desc)`,
  ],
};
