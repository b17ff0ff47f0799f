import type { Migration } from "../migrate.ts";

/**
 * Routing and rules: how each team hands out its conversations, the account's automation rules
 * (when … if … then …), the canned replies they and agents use, and which rule already acted on
 * which event (so a redelivered event never acts twice).
 */
export const routingRules: Migration = {
  name: "20261123T0500_routing_rules",
  statements: [
    `alter table teams
       add column assignment text not null default 'manual'
         check (assignment in ('manual', 'round_robin', 'capacity')),
       add column max_open_per_agent integer check (max_open_per_agent > 0),
       add column last_assigned_user_id uuid`,
    // The queue of a team: its open conversations nobody holds yet, oldest first.
    `create index conversations_team_queue on conversations
       (account_id, team_id, (coalesce(waiting_since, created_at)))
       where assignee_id is null and status = 'open'`,
    // An agent's load: the open conversations they hold.
    `create index conversations_assignee_open on conversations (account_id, assignee_id)
       where status = 'open'`,

    `create table canned_replies (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       shortcut text not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
       title text not null,
       body_fr text,
       body_en text,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       check (body_fr is not null or body_en is not null)
     )`,
    `create unique index canned_replies_shortcut on canned_replies (account_id, shortcut)`,

    `create table rules (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       name text not null,
       enabled boolean not null default true,
       position integer not null default 0,
       trigger text not null check (trigger in ('message.received', 'conversation.created',
         'conversation.status_changed', 'conversation.triaged')),
       conditions jsonb not null default '[]'::jsonb,
       actions jsonb not null default '[]'::jsonb,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create index rules_trigger on rules (account_id, trigger, position) where enabled`,

    `create table rule_runs (
       account_id uuid not null,
       rule_id uuid not null,
       event_id bigint not null,
       conversation_id uuid,
       outcome jsonb not null default '[]'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, rule_id, event_id),
       foreign key (account_id, rule_id) references rules(account_id, id) on delete cascade
     )`,
  ],
};
