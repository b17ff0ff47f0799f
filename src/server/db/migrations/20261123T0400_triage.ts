import type { Migration } from "../migrate.ts";

/**
 * Triage: what agents corrected (it trains the model) and which fields an agent has set by hand
 * (triage never overrides them).
 */
export const triage: Migration = {
  name: "20261123T0400_triage",
  statements: [
    `create table triage_corrections (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid,
       user_id uuid,
       text text not null,
       category text not null,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `alter table conversations
       add column category_locked boolean not null default false,
       add column priority_locked boolean not null default false,
       add column author_followers integer,
       add column triaged_at timestamptz`,
  ],
};
