import type { Migration } from "../migrate.ts";

/**
 * What agents do for a customer (replacement, return, refund, credit), within the limits of
 * their role; above a limit the action waits for a supervisor's approval. An idempotency key
 * is unique per account, so the same request never acts twice.
 */
export const agentActions: Migration = {
  name: "20261207T1602_agent_actions",
  statements: [
    `create table agent_actions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       type text not null check (type in ('replacement', 'return', 'refund', 'credit')),
       status text not null
         check (status in ('done', 'pending_approval', 'refused', 'rejected')),
       conversation_id uuid,
       order_id uuid not null,
       lines jsonb not null default '[]'::jsonb,
       amount_cents integer not null default 0 check (amount_cents >= 0),
       currency text not null,
       reason text not null,
       outcome text,
       idempotency_key text not null,
       requested_by uuid not null,
       decided_by uuid,
       decided_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, order_id) references orders(account_id, id) on delete cascade
     )`,
    `create unique index agent_actions_idempotency on agent_actions (account_id, idempotency_key)`,
    `create index agent_actions_order on agent_actions (account_id, order_id, created_at)`,
    `create index agent_actions_requester on agent_actions (account_id, requested_by, type, created_at)`,
    `create table approvals (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       action_id uuid not null,
       status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
       decided_by uuid,
       decision_reason text,
       decided_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, action_id) references agent_actions(account_id, id) on delete cascade
     )`,
    `create unique index approvals_action on approvals (account_id, action_id)`,
    `create index approvals_status on approvals (account_id, status, created_at)`,
    `create table authority_limits (
       account_id uuid not null references accounts(id) on delete cascade,
       limits jsonb not null default '{}'::jsonb,
       updated_at timestamptz not null default now(),
       primary key (account_id)
     )`,
  ],
};
