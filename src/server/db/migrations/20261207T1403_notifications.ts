import type { Migration } from "../migrate.ts";

/**
 * Notifications get their own table instead of living in the `events` outbox (which can now be
 * pruned). Ids are a per-account sequence (`notification_counters`), so an agent's ids say
 * nothing about other accounts' activity. Recipients are columns: `user_ids` (named agents;
 * empty when none), else `team_id`, else every agent. Existing notifications are copied, and
 * each agent's place (`read_up_to`, an event id until now) is moved to the new numbering.
 */
/** The notifications kept so far as events, numbered per account in their order. */
const COPY = `
  select account_id,
         row_number() over (partition by account_id order by id) as id,
         id as event_id,
         case
           when jsonb_typeof(payload->'userIds') = 'array' and payload->'userIds' <> '[]'::jsonb
             then array(select jsonb_array_elements_text(payload->'userIds'))::uuid[]
           when payload->>'userId' is not null then array[(payload->>'userId')::uuid]
           else '{}'::uuid[]
         end as user_ids,
         (payload->>'teamId')::uuid as team_id,
         payload,
         created_at
    from events
   where name = 'notification.created'`;

export const notifications: Migration = {
  name: "20261207T1403_notifications",
  statements: [
    `create table notifications (
       account_id uuid not null references accounts(id) on delete cascade,
       id bigint not null,
       user_ids uuid[] not null default '{}',
       team_id uuid,
       payload jsonb not null default '{}'::jsonb,
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create table notification_counters (
       account_id uuid primary key references accounts(id) on delete cascade,
       last_id bigint not null
     )`,
    `insert into notifications (account_id, id, user_ids, team_id, payload, created_at)
       select account_id, id, user_ids, team_id, payload, created_at from (${COPY}) copy`,
    `insert into notification_counters (account_id, last_id)
       select account_id, max(id) from (${COPY}) copy group by account_id`,
    `update notification_reads r
        set read_up_to = coalesce((
          select max(copy.id) from (${COPY}) copy
           where copy.account_id = r.account_id and copy.event_id <= r.read_up_to), 0)`,
    `drop index if exists events_notifications`,
    // Published events are pruned after a retention, oldest first, in batches.
    `create index events_published on events (published_at) where published_at is not null`,
  ],
};
