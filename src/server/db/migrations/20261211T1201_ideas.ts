import type { Migration } from "../migrate.ts";

/**
 * Customers' ideas. An idea gathers the conversations that gave it (`idea_links`; its votes are
 * the distinct customers of those conversations, so a customer counts once however often they
 * asked); `idea_notices` keeps one row per (idea, customer, status) told, written in the
 * transaction that stores and enqueues the message, so a status is announced to each customer
 * once across retries, restarts and workers. `search` is the same French + English
 * accent-folded vector as messages', for proposing the idea an unsorted suggestion resembles.
 */
export const ideas: Migration = {
  name: "20261211T1201_ideas",
  statements: [
    `create table ideas (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       title text not null check (length(title) between 1 and 200),
       description text not null default '' check (length(description) <= 5000),
       kind text not null check (kind in ('product', 'service', 'marketing')),
       status text not null default 'new' check (status in
         ('new', 'under_review', 'planned', 'in_progress', 'shipped', 'declined')),
       status_note text check (length(status_note) <= 1000),
       public boolean not null default false,
       created_by uuid,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       search tsvector generated always as (relais_search_vector(title || ' ' || description)) stored,
       primary key (account_id, id)
     )`,
    `create index ideas_account_search on ideas using gin (account_id, search)`,
    `create table idea_links (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       idea_id uuid not null,
       conversation_id uuid not null,
       linked_by uuid,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, idea_id) references ideas(account_id, id) on delete cascade,
       foreign key (account_id, conversation_id) references conversations(account_id, id)
         on delete cascade
     )`,
    `create index idea_links_idea on idea_links (account_id, idea_id)`,
    `create index idea_links_conversation on idea_links (account_id, conversation_id)`,
    `create table idea_notices (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       idea_id uuid not null,
       contact_id uuid not null,
       status text not null,
       conversation_id uuid,
       message_id uuid,
       channel_id uuid,
       language text,
       skipped_reason text,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, idea_id) references ideas(account_id, id) on delete cascade
     )`,
    `create unique index idea_notices_once on idea_notices (account_id, idea_id, contact_id, status)`,
  ],
};
