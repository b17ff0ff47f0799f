import type { Migration } from "../migrate.ts";

/**
 * The back office an agent needs beside a conversation: products with their stock, orders with
 * their lines, shipments with the history of their events. Amounts are integer cents in the
 * row's currency; calendar dates (restock, expected delivery) are ISO `YYYY-MM-DD` text, so
 * they never shift with a time zone.
 */
export const backofficeCatalogue: Migration = {
  name: "20261207T1601_backoffice_catalogue",
  statements: [
    `create table products (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       sku text not null,
       name text not null,
       price_cents integer not null check (price_cents >= 0),
       currency text not null,
       stock_on_hand integer not null default 0 check (stock_on_hand >= 0),
       stock_reserved integer not null default 0 check (stock_reserved >= 0),
       supplier text,
       restock_date text check (restock_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create unique index products_sku on products (account_id, sku)`,
    `create table orders (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       number text not null,
       contact_id uuid not null,
       placed_at timestamptz not null,
       status text not null default 'open',
       currency text not null,
       total_cents integer not null default 0,
       refunded_cents integer not null default 0,
       source text not null default 'import',
       fingerprint text not null default '',
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, contact_id) references contacts(account_id, id) on delete cascade
     )`,
    `create unique index orders_number on orders (account_id, number)`,
    `create index orders_contact on orders (account_id, contact_id, placed_at desc)`,
    `create index orders_placed on orders (account_id, placed_at desc, id)`,
    `create table order_lines (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       order_id uuid not null,
       position integer not null,
       sku text not null,
       product_name text not null,
       quantity integer not null check (quantity > 0),
       unit_price_cents integer not null check (unit_price_cents >= 0),
       primary key (account_id, id),
       foreign key (account_id, order_id) references orders(account_id, id) on delete cascade
     )`,
    `create unique index order_lines_position on order_lines (account_id, order_id, position)`,
    `create index order_lines_sku on order_lines (account_id, sku)`,
    `create table shipments (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       order_id uuid not null,
       carrier text not null default '',
       tracking_number text not null default '',
       tracking_url text,
       status text not null default 'pending'
         check (status in ('pending', 'in_transit', 'delayed', 'delivered', 'lost', 'returned')),
       expected_delivery text check (expected_delivery ~ '^\\d{4}-\\d{2}-\\d{2}$'),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, order_id) references orders(account_id, id) on delete cascade
     )`,
    `create unique index shipments_tracking on shipments (account_id, order_id, carrier, tracking_number)`,
    `create index shipments_status on shipments (account_id, status)`,
    `create table shipment_events (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       shipment_id uuid not null,
       status text not null,
       expected_delivery text,
       note text,
       occurred_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, shipment_id) references shipments(account_id, id) on delete cascade
     )`,
    `create index shipment_events_shipment on shipment_events (account_id, shipment_id, occurred_at)`,
  ],
};
