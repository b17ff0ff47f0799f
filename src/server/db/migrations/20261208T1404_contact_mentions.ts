import type { Migration } from "../migrate.ts";

/**
 * What a customer wrote that can name another record of them: an email address, a phone number
 * (E.164) or an order number, with the message it came from and whether that message was public.
 * Filled from inbound messages by the customer-evidence processor (one row per message and
 * value, so a replayed event writes nothing twice); read by value for duplicate suggestions and
 * repeat contacts.
 */
export const contactMentions: Migration = {
  name: "20261208T1404_contact_mentions",
  statements: [
    `create table contact_mentions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       contact_id uuid not null,
       conversation_id uuid not null,
       message_id uuid not null,
       kind text not null check (kind in ('email', 'phone', 'order')),
       value text not null,
       public boolean not null,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       unique (account_id, message_id, kind, value),
       foreign key (account_id, contact_id) references contacts(account_id, id) on delete cascade
     )`,
    `create index contact_mentions_value on contact_mentions (account_id, kind, value)`,
    `create index contact_mentions_contact on contact_mentions (account_id, contact_id, created_at)`,
  ],
};
