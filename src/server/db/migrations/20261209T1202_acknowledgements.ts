import type { Migration } from "../migrate.ts";

/**
 * The automatic acknowledgement of a customer's first message (off by default, per channel), and
 * one row per conversation once it is decided: sent (with its message and the expected time it
 * stated) or skipped (with the reason). The primary key makes it once per conversation, whatever
 * the retries, restarts or workers.
 */
export const acknowledgements: Migration = {
  name: "20261209T1202_acknowledgements",
  statements: [
    `create table channel_acknowledgements (
       account_id uuid not null,
       channel_id uuid not null,
       enabled boolean not null default false,
       updated_at timestamptz not null default now(),
       primary key (account_id, channel_id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
    `create table conversation_acknowledgements (
       account_id uuid not null,
       conversation_id uuid not null,
       status text not null check (status in ('sent', 'skipped')),
       message_id uuid,
       expected_at timestamptz,
       reason text,
       basis jsonb not null default '{}'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, conversation_id),
       foreign key (account_id, conversation_id) references conversations(account_id, id)
         on delete cascade
     )`,
  ],
};
