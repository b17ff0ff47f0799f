import type { Migration } from "../migrate.ts";

/**
 * "Not the same person": a pair of contacts an agent said are different people, never suggested
 * again. The pair is stored once, the smaller id first.
 */
export const contactPairDismissals: Migration = {
  name: "20261208T1406_contact_pair_dismissals",
  statements: [
    `create table contact_pair_dismissals (
       account_id uuid not null references accounts(id) on delete cascade,
       contact_a uuid not null,
       contact_b uuid not null,
       dismissed_by uuid,
       created_at timestamptz not null default now(),
       primary key (account_id, contact_a, contact_b),
       check (contact_a < contact_b)
     )`,
    `create index contact_pair_dismissals_b on contact_pair_dismissals (account_id, contact_b)`,
  ],
};
