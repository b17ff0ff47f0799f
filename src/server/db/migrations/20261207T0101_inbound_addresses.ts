import type { Migration } from "../migrate.ts";

/**
 * An inbound email address belongs to one channel in the whole installation: mail reaches
 * Relais' SMTP receiver with no account in it, so the address alone must name the account.
 * A deliberate global key (not led by account_id): the address is the routing key itself.
 * The address is kept normalised as the receiver reads RCPT TO: trimmed, lower-case, without
 * its plus part (the plus part carries conversation tokens). Channels that already shared an
 * address: the oldest keeps it; the others go on working by IMAP but no longer by SMTP.
 */
export const inboundAddresses: Migration = {
  name: "20261207T0101_inbound_addresses",
  statements: [
    `create table inbound_addresses (
       address text primary key,
       account_id uuid not null,
       channel_id uuid not null,
       created_at timestamptz not null default now(),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
    `create unique index inbound_addresses_channel on inbound_addresses (account_id, channel_id)`,
    `insert into inbound_addresses (address, account_id, channel_id)
       select distinct on (address) address, account_id, id
       from (
         select regexp_replace(lower(btrim(config->>'address')), '^([^+@]*)\\+[^@]*(@[^@]*)$', '\\1\\2') as address,
                account_id, id, created_at
         from channels
         where kind = 'email' and coalesce(btrim(config->>'address'), '') <> ''
       ) as claimed
       order by address, created_at, id`,
  ],
};
