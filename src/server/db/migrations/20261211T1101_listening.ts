import type { Migration } from "../migrate.ts";

/**
 * Listening (issue 15): the account's search queries over the social networks, the public
 * posts they find (mentions, one per account, network and post), which query found which, the
 * cursor each query keeps per channel and source, and the alerts on negative spikes.
 */
export const listening: Migration = {
  name: "20261211T1101_listening",
  statements: [
    `create table listening_queries (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text not null check (length(name) between 1 and 80),
       terms text[] not null,
       exclude_terms text[] not null default '{}',
       languages text[] not null default '{}',
       channel_ids uuid[] not null,
       poll_seconds integer not null default 120 check (poll_seconds between 30 and 86400),
       spike jsonb,
       webhook_url text,
       webhook_secret text,
       emails text[] not null default '{}',
       spike_armed boolean not null default true,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create table mentions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       network text not null check (network in ('x', 'mastodon', 'bluesky')),
       external_id text not null,
       channel_id uuid not null,
       text text not null,
       language text not null,
       sentiment text not null check (sentiment in ('negative', 'neutral', 'positive')),
       sentiment_score real not null default 0,
       category text not null,
       author_id text not null,
       author_handle text,
       author_name text,
       author_followers integer,
       likes integer not null default 0,
       reposts integer not null default 0,
       replies integer not null default 0,
       reach integer not null default 0,
       url text,
       posted_at timestamptz not null,
       found_at timestamptz not null default now(),
       addressed boolean not null default false,
       inbound jsonb not null,
       message_id uuid,
       search tsvector generated always as (relais_search_vector(text)) stored,
       primary key (account_id, id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
    `create unique index mentions_post on mentions (account_id, network, external_id)`,
    `create index mentions_recent on mentions (account_id, posted_at desc, id desc)`,
    `create index mentions_account_search on mentions using gin (account_id, search)`,
    `create table listening_query_mentions (
       account_id uuid not null,
       query_id uuid not null,
       mention_id uuid not null,
       posted_at timestamptz not null,
       sentiment text not null,
       primary key (account_id, query_id, mention_id),
       foreign key (account_id, query_id) references listening_queries(account_id, id) on delete cascade,
       foreign key (account_id, mention_id) references mentions(account_id, id) on delete cascade
     )`,
    `create index listening_query_mentions_time on listening_query_mentions (account_id, query_id, posted_at)`,
    `create table listening_cursors (
       account_id uuid not null,
       query_id uuid not null,
       channel_id uuid not null,
       source text not null,
       cursor text,
       retry_at timestamptz,
       updated_at timestamptz not null default now(),
       primary key (account_id, query_id, channel_id, source),
       foreign key (account_id, query_id) references listening_queries(account_id, id) on delete cascade
     )`,
    `create table listening_alerts (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       query_id uuid not null,
       started_at timestamptz not null,
       negative_count integer not null,
       baseline_per_hour real not null,
       sample_mention_ids uuid[] not null default '{}',
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, query_id) references listening_queries(account_id, id) on delete cascade
     )`,
    `create index listening_alerts_recent on listening_alerts (account_id, started_at desc)`,
  ],
};
