import type { Migration } from "../migrate.ts";

/**
 * Open duplicate suggestions, kept up to date by the customer-evidence processor (each contact's
 * row recomputed from indexed evidence when the contact, its identities or its messages change):
 * one row per ordered pair, so "contacts with suggestions" is an index read. A pair whose contact
 * is gone (merged) simply no longer joins.
 */
export const contactSuggestions: Migration = {
  name: "20261208T1411_contact_suggestions",
  statements: [
    `create table contact_suggestions (
       account_id uuid not null references accounts(id) on delete cascade,
       contact_a uuid not null,
       contact_b uuid not null,
       score real not null,
       updated_at timestamptz not null default now(),
       primary key (account_id, contact_a, contact_b)
     )`,
    `create index contact_suggestions_b on contact_suggestions (account_id, contact_b)`,
  ],
};
