import type { Migration } from "../migrate.ts";

/**
 * SLA policies (matched by position), team holidays, the clocks a policy starts on a
 * conversation (kept when superseded, so re-application keeps its history), and the promises
 * ("next steps") agents make to customers.
 */
export const slaPromises: Migration = {
  name: "20261207T1501_sla_promises",
  statements: [
    `create table sla_policies (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text not null,
       position integer not null,
       match jsonb not null default '{}'::jsonb,
       targets jsonb not null default '{}'::jsonb,
       hours text not null default 'always' check (hours in ('always', 'team')),
       warn_before_minutes integer,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create index sla_policies_position on sla_policies (account_id, position)`,
    `create table team_holidays (
       account_id uuid not null,
       team_id uuid not null,
       date text not null check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
       name text not null,
       primary key (account_id, team_id, date),
       foreign key (account_id, team_id) references teams(account_id, id) on delete cascade
     )`,
    `create table sla_clocks (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid not null,
       policy_id uuid,
       policy_name text not null,
       target text not null check (target in ('firstResponse', 'nextResponse', 'resolution')),
       target_minutes integer not null,
       warn_before_minutes integer,
       hours text not null,
       basis text not null,
       started_at timestamptz not null,
       remaining_minutes double precision not null,
       running_since timestamptz,
       due_at timestamptz,
       warn_at timestamptz,
       paused_at timestamptz,
       start_ref text,
       met_at timestamptz,
       warned_at timestamptz,
       breached_at timestamptz,
       superseded_at timestamptz,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id)
         on delete cascade
     )`,
    `create index sla_clocks_conversation on sla_clocks (account_id, conversation_id, created_at)`,
    `create index sla_clocks_warn on sla_clocks (warn_at)
       where warned_at is null and met_at is null and superseded_at is null and warn_at is not null`,
    `create index sla_clocks_due on sla_clocks (due_at)
       where breached_at is null and met_at is null and superseded_at is null and due_at is not null`,
    `create table promises (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid not null,
       message_id uuid,
       callback_id uuid,
       text text not null,
       due_at timestamptz not null,
       follow_up boolean not null default true,
       status text not null default 'open' check (status in ('open', 'kept', 'broken')),
       made_by_user_id uuid,
       kept_at timestamptz,
       broken_at timestamptz,
       follow_up_message_id uuid,
       reschedules integer not null default 0,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id)
         on delete cascade
     )`,
    `create index promises_conversation on promises (account_id, conversation_id, created_at)`,
    `create index promises_status on promises (account_id, status, due_at)`,
    `create index promises_due on promises (due_at) where status = 'open'`,
  ],
};
