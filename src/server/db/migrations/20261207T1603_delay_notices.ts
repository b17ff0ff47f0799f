import type { Migration } from "../migrate.ts";

/**
 * A delay announced to the customers it hits: one row per announcement (its idempotency key
 * unique per account) and one per customer told, unique per announcement, so nobody hears
 * the same delay twice even when the work is retried.
 */
export const delayNotices: Migration = {
  name: "20261207T1603_delay_notices",
  statements: [
    `create table delays (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       idempotency_key text not null,
       criteria jsonb not null default '{}'::jsonb,
       new_expected_delivery text not null,
       reason text not null,
       affected_orders integer not null default 0,
       notified integer not null default 0,
       skipped jsonb not null default '[]'::jsonb,
       created_by uuid,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create unique index delays_idempotency on delays (account_id, idempotency_key)`,
    `create table delay_recipients (
       account_id uuid not null,
       delay_id uuid not null,
       contact_id uuid not null,
       conversation_id uuid,
       message_id uuid,
       order_numbers jsonb not null default '[]'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, delay_id, contact_id),
       foreign key (account_id, delay_id) references delays(account_id, id) on delete cascade
     )`,
    `create index delay_recipients_contact on delay_recipients (account_id, contact_id, created_at)`,
  ],
};
