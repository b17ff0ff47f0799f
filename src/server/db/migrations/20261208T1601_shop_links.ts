import type { Migration } from "../migrate.ts";

/**
 * What a shop adapter (Shopify) knows of its own ids: an order's id → its number here, a
 * variant → its SKU, an inventory level (item at a location) → its SKU and quantity, so that
 * webhooks naming only the shop's ids reach the right rows and refunds go back to the right order.
 */
export const shopLinks: Migration = {
  name: "20261208T1601_shop_links",
  statements: [
    `create table shop_links (
       account_id uuid not null references accounts(id) on delete cascade,
       channel_id uuid not null,
       resource text not null
         check (resource in ('order', 'variant', 'inventory_item', 'inventory_level')),
       external_id text not null,
       local_key text not null,
       data jsonb not null default '{}'::jsonb,
       updated_at timestamptz not null default now(),
       primary key (account_id, channel_id, resource, external_id),
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
    `create index shop_links_local on shop_links (account_id, resource, local_key)`,
  ],
};
