import type { Migration } from "../migrate.ts";

/**
 * The first schema. Every table carries `account_id` and every key starts with it, so the data
 * can later be distributed by account without a rewrite.
 */
export const initial: Migration = {
  name: "20261123T0200_initial",
  statements: [
    `create extension if not exists unaccent`,
    // Immutable wrapper so unaccent can feed generated columns and indexes.
    `create or replace function relais_unaccent(text) returns text
       language sql immutable parallel safe strict
       as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`,
    // French and English stemming over accent-folded text: "abîmé" and "abime" meet.
    `create or replace function relais_search_vector(text) returns tsvector
       language sql immutable parallel safe
       as $$ select to_tsvector('pg_catalog.french'::regconfig, relais_unaccent(coalesce($1, '')))
                 || to_tsvector('pg_catalog.english'::regconfig, relais_unaccent(coalesce($1, ''))) $$`,
    `create or replace function relais_search_query(text) returns tsquery
       language sql immutable parallel safe
       as $$ select websearch_to_tsquery('pg_catalog.french'::regconfig, relais_unaccent($1))
                 || websearch_to_tsquery('pg_catalog.english'::regconfig, relais_unaccent($1)) $$`,

    `create table accounts (
       id uuid primary key default gen_random_uuid(),
       slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
       name text not null,
       time_zone text not null default 'Europe/Paris',
       locale text not null default 'fr' check (locale in ('fr', 'en')),
       conversation_seq integer not null default 0,
       created_at timestamptz not null default now()
     )`,

    `create table users (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       email text not null,
       name text not null,
       role text not null check (role in ('admin', 'supervisor', 'agent')),
       locale text check (locale in ('fr', 'en')),
       time_zone text,
       password_hash text,
       available boolean not null default true,
       disabled_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create unique index users_email on users (account_id, lower(email))`,
    `create index users_email_lookup on users (lower(email))`,

    `create table sessions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       user_id uuid not null,
       token_hash text not null,
       expires_at timestamptz not null,
       created_at timestamptz not null default now(),
       last_seen_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,

    `create table api_tokens (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       user_id uuid not null,
       name text not null,
       token_hash text not null,
       last_used_at timestamptz,
       revoked_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,

    `create table teams (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text not null,
       skills jsonb not null default '{}'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create unique index teams_name on teams (account_id, lower(name))`,

    `create table team_members (
       account_id uuid not null,
       team_id uuid not null,
       user_id uuid not null,
       created_at timestamptz not null default now(),
       primary key (account_id, team_id, user_id),
       foreign key (account_id, team_id) references teams(account_id, id) on delete cascade,
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,

    `create table channels (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       kind text not null,
       name text not null,
       config jsonb not null default '{}'::jsonb,
       secrets text,
       state jsonb not null default '{}'::jsonb,
       disabled_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    // Webhooks arrive at /hooks/<channel-id> with no account in the path.
    `create unique index channels_id on channels (id)`,

    `create table contacts (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text,
       email text,
       phone text,
       locale text,
       time_zone text,
       avatar_url text,
       notes text,
       merged_into_id uuid,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       search tsvector generated always as (
         relais_search_vector(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
         || to_tsvector('simple', coalesce(email, '') || ' ' || coalesce(phone, ''))
       ) stored,
       primary key (account_id, id)
     )`,
    `create index contacts_search on contacts using gin (search)`,
    `create index contacts_created on contacts (account_id, created_at desc, id desc)`,

    `create table identities (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       contact_id uuid not null,
       kind text not null check (kind in ('email', 'phone', 'twitter', 'facebook', 'instagram',
         'whatsapp', 'mastodon', 'bluesky', 'chat', 'api')),
       value text not null,
       display_name text,
       handle text,
       avatar_url text,
       followers integer,
       verified boolean not null default false,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       unique (account_id, kind, value),
       foreign key (account_id, contact_id) references contacts(account_id, id) on delete cascade
     )`,
    `create index identities_contact on identities (account_id, contact_id)`,

    `create table conversations (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       number integer not null,
       contact_id uuid not null,
       channel_id uuid,
       subject text,
       status text not null default 'open' check (status in ('open', 'pending', 'snoozed', 'resolved')),
       priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
       assignee_id uuid,
       team_id uuid,
       language text,
       category text,
       category_confidence real,
       sentiment text check (sentiment in ('negative', 'neutral', 'positive')),
       sentiment_score real,
       urgency_score real,
       visibility text not null default 'private' check (visibility in ('public', 'private')),
       external_thread_id text,
       labels text[] not null default '{}',
       waiting_since timestamptz,
       first_response_at timestamptz,
       resolved_at timestamptz,
       snoozed_until timestamptz,
       last_message_at timestamptz not null default now(),
       last_inbound_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       unique (account_id, number),
       foreign key (account_id, contact_id) references contacts(account_id, id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete set null,
       foreign key (account_id, assignee_id) references users(account_id, id) on delete set null,
       foreign key (account_id, team_id) references teams(account_id, id) on delete set null
     )`,
    `create index conversations_inbox on conversations (account_id, status, waiting_since, id)`,
    `create index conversations_recent on conversations (account_id, last_message_at desc, id desc)`,
    `create index conversations_contact on conversations (account_id, contact_id)`,
    `create index conversations_thread on conversations (account_id, channel_id, external_thread_id)`,
    `create index conversations_snoozed on conversations (snoozed_until) where status = 'snoozed'`,

    `create table conversation_reads (
       account_id uuid not null,
       conversation_id uuid not null,
       user_id uuid not null,
       read_at timestamptz not null default now(),
       primary key (account_id, conversation_id, user_id),
       foreign key (account_id, conversation_id) references conversations(account_id, id) on delete cascade,
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,

    `create table messages (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid not null,
       channel_id uuid,
       direction text not null check (direction in ('in', 'out', 'note')),
       author_user_id uuid,
       author_contact_id uuid,
       text text not null default '',
       html text,
       attachments jsonb not null default '[]'::jsonb,
       visibility text not null default 'private' check (visibility in ('public', 'private')),
       external_id text,
       in_reply_to_external_id text,
       metadata jsonb not null default '{}'::jsonb,
       delivery_status text check (delivery_status in ('queued', 'sent', 'delivered', 'read', 'failed')),
       delivery_error text,
       delivery_attempts integer not null default 0,
       delivery_job_id uuid,
       send_started_at timestamptz,
       sent_at timestamptz,
       delivered_at timestamptz,
       read_at timestamptz,
       edited_at timestamptz,
       deleted_at timestamptz,
       created_at timestamptz not null default now(),
       search tsvector generated always as (relais_search_vector(text)) stored,
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id) on delete cascade,
       foreign key (account_id, channel_id) references channels(account_id, id) on delete set null
     )`,
    `create unique index messages_external on messages (account_id, channel_id, external_id)
       where external_id is not null`,
    `create index messages_conversation on messages (account_id, conversation_id, created_at, id)`,
    `create index messages_search on messages using gin (search)`,

    `create table attachments (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       message_id uuid,
       filename text not null,
       content_type text not null,
       size integer not null,
       content_id text,
       content bytea not null,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,

    `create table events (
       account_id uuid not null,
       id bigint generated always as identity,
       name text not null,
       payload jsonb not null default '{}'::jsonb,
       actor_user_id uuid,
       created_at timestamptz not null default now(),
       published_at timestamptz,
       primary key (account_id, id)
     )`,
    `create index events_unpublished on events (id) where published_at is null`,

    `create table audit_log (
       account_id uuid not null,
       id bigint generated always as identity,
       actor_user_id uuid,
       action text not null,
       subject_type text not null,
       subject_id text,
       data jsonb not null default '{}'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
  ],
};
