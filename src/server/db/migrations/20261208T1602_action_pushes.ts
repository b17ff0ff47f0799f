import type { Migration } from "../migrate.ts";

/**
 * An agent's action carried back to the shop it came from (a Shopify refund, a draft order for a
 * replacement): one row per action, so it is sent once across retries, with its outcome.
 */
export const actionPushes: Migration = {
  name: "20261208T1602_action_pushes",
  statements: [
    `create table action_pushes (
       account_id uuid not null references accounts(id) on delete cascade,
       action_id uuid not null,
       channel_id uuid not null,
       status text not null default 'pending'
         check (status in ('pending', 'sending', 'done', 'failed')),
       attempts integer not null default 0,
       external_id text,
       error text,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, action_id),
       foreign key (account_id, action_id) references agent_actions(account_id, id) on delete cascade,
       foreign key (account_id, channel_id) references channels(account_id, id) on delete cascade
     )`,
  ],
};
