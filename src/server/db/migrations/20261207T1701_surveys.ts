import type { Migration } from "../migrate.ts";

/**
 * Effort and satisfaction. `survey_settings`: one row per account (absent: the defaults).
 * `resolutions`: one row per resolution of a conversation, written when it is resolved, with
 * what the effort figures need (contacts it took, a channel switch, whether it reopened) and
 * the survey asked about it (its one-use token, its status and the customer's answer). The
 * unique key (conversation, resolved at) makes "once per resolution" hold however often the
 * resolution's event is processed.
 */
export const surveys: Migration = {
  name: "20261207T1701_surveys",
  statements: [
    `create table survey_settings (
       account_id uuid not null references accounts(id) on delete cascade,
       settings jsonb not null,
       updated_at timestamptz not null default now(),
       primary key (account_id)
     )`,
    `create table resolutions (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       conversation_id uuid not null,
       contact_id uuid not null,
       channel_id uuid,
       team_id uuid,
       assignee_id uuid,
       category text,
       resolved_at timestamptz not null,
       contacts integer not null default 1,
       channel_switch boolean not null default false,
       reopened_at timestamptz,
       survey_status text not null default 'pending'
         check (survey_status in ('pending', 'sent', 'skipped', 'answered')),
       survey_reason text,
       survey_language text,
       survey_ask text[] not null default '{}',
       token_hash text,
       message_id uuid,
       sent_at timestamptz,
       expires_at timestamptz,
       answered_at timestamptz,
       ces smallint check (ces between 1 and 7),
       csat smallint check (csat between 1 and 5),
       comment text,
       answer_source text,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, conversation_id) references conversations(account_id, id) on delete cascade
     )`,
    `create unique index resolutions_once on resolutions (account_id, conversation_id, resolved_at)`,
    `create unique index resolutions_token on resolutions (account_id, token_hash) where token_hash is not null`,
    `create index resolutions_period on resolutions (account_id, resolved_at, channel_id, team_id)`,
    `create index resolutions_answers on resolutions (account_id, answered_at desc, id desc) where answered_at is not null`,
    `create index resolutions_contact_sent on resolutions (account_id, contact_id, sent_at desc) where sent_at is not null`,
  ],
};
