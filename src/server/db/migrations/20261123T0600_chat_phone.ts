import type { Migration } from "../migrate.ts";

/**
 * Website chat and phone callbacks: visitors' widget sessions, teams' business hours, callback
 * requests and the calls made for them (or received).
 */
export const chatPhone: Migration = {
  name: "20261123T0600_chat_phone",
  statements: [
    // A visitor's widget session: the token kept in the browser, the contact it speaks for.
    `create table chat_sessions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       channel_id uuid not null,
       contact_id uuid not null,
       visitor_id text not null,
       token_hash text not null,
       verified boolean not null default false,
       email_hint text,
       locale text,
       time_zone text,
       connections integer not null default 0,
       last_seen_at timestamptz not null default now(),
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade,
       foreign key (account_id, contact_id) references contacts(account_id, id) on delete cascade
     )`,
    `create unique index chat_sessions_token on chat_sessions (account_id, token_hash)`,
    `create index chat_sessions_contact on chat_sessions (account_id, contact_id, last_seen_at desc)`,

    // Business hours: an IANA zone and, per weekday, the opening intervals ("09:00"-"17:00").
    `alter table teams
       add column time_zone text,
       add column business_hours jsonb not null default '{}'::jsonb`,

    `create table callbacks (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid not null,
       contact_id uuid not null,
       team_id uuid,
       assignee_id uuid,
       phone text not null,
       scheduled_at timestamptz not null,
       customer_time_zone text not null,
       status text not null default 'scheduled'
         check (status in ('scheduled', 'calling', 'completed', 'to_reschedule', 'cancelled')),
       source text not null check (source in ('widget', 'agent', 'api')),
       note text,
       attempts integer not null default 0,
       last_call_id uuid,
       started_by_id uuid,
       reminded_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id) on delete cascade,
       foreign key (account_id, contact_id) references contacts(account_id, id) on delete cascade,
       foreign key (account_id, team_id) references teams(account_id, id) on delete set null,
       foreign key (account_id, assignee_id) references users(account_id, id) on delete set null
     )`,
    `create index callbacks_upcoming on callbacks (account_id, status, scheduled_at)`,
    `create index callbacks_due on callbacks (scheduled_at) where status = 'scheduled' and reminded_at is null`,

    // One row per telephone call (Twilio CallSid), inbound or made for a callback.
    `create table calls (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       channel_id uuid not null,
       external_id text not null,
       conversation_id uuid not null,
       callback_id uuid,
       direction text not null check (direction in ('inbound', 'outbound')),
       status text not null,
       from_number text not null,
       to_number text not null,
       duration_seconds integer,
       recording_url text,
       started_by_id uuid,
       answered_at timestamptz,
       ended_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       unique (account_id, channel_id, external_id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade,
       foreign key (account_id, conversation_id) references conversations(account_id, id) on delete cascade
     )`,
    `create index calls_conversation on calls (account_id, conversation_id, created_at)`,
  ],
};
