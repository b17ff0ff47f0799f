import type { Migration } from "../migrate.ts";

/**
 * Stories: exemplary conversations kept as an anonymised copy (names, handles, emails, phones,
 * order numbers and addresses replaced by placeholders when the story is made), a draft until a
 * supervisor publishes it. The copy stands on its own: deleting the conversation keeps the story.
 */
export const stories: Migration = {
  name: "20261211T1301_stories",
  statements: [
    `create table stories (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid,
       title text not null check (length(title) between 1 and 200),
       summary text not null check (length(summary) <= 2000),
       status text not null default 'draft' check (status in ('draft', 'published')),
       locale text not null check (locale in ('fr', 'en')),
       text text not null,
       created_by_user_id uuid,
       published_by_user_id uuid,
       published_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id)
         on delete set null (conversation_id)
     )`,
    `create index stories_by_status on stories (account_id, status, coalesce(published_at, created_at) desc)`,
  ],
};
