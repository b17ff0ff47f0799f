import type { Migration } from "../migrate.ts";

/**
 * Mail that reached a channel but names no sender Relais can read: kept whole (the raw
 * message) until an admin assigns it to a contact, which ingests it as if it had just
 * arrived, or discards it. Never dropped silently.
 */
export const emailQuarantine: Migration = {
  name: "20261207T0102_email_quarantine",
  statements: [
    `create table email_quarantine (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       channel_id uuid not null,
       external_id text not null,
       reason text not null,
       sender text,
       subject text,
       text text not null default '',
       raw bytea,
       size integer not null default 0,
       envelope jsonb not null default '{}'::jsonb,
       status text not null default 'pending'
         check (status in ('pending', 'assigned', 'discarded')),
       received_at timestamptz not null default now(),
       resolved_at timestamptz,
       resolved_by_user_id uuid,
       message_id uuid,
       conversation_id uuid,
       primary key (account_id, id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
    `create unique index email_quarantine_external
       on email_quarantine (account_id, channel_id, external_id)`,
    `create index email_quarantine_list
       on email_quarantine (account_id, status, received_at desc, id desc)`,
  ],
};
