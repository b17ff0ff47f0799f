import type { Migration } from "../migrate.ts";

/**
 * Scheduled reports: a report (with its filters) e-mailed daily or weekly at a local time of a
 * time zone. `next_run_at` is the next instant it is due; the sweep reads due schedules on
 * `report_schedules_due`, across accounts, in bounded batches.
 */
export const reportSchedules: Migration = {
  name: "20261208T1501_report_schedules",
  statements: [
    `create table report_schedules (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       report text not null,
       filters jsonb not null default '{}',
       cadence text not null check (cadence in ('daily', 'weekly')),
       weekday text not null default 'mon'
         check (weekday in ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
       time text not null,
       time_zone text not null,
       emails text[] not null,
       locale text not null check (locale in ('fr', 'en')),
       channel_id uuid,
       enabled boolean not null default true,
       next_run_at timestamptz not null,
       last_sent_at timestamptz,
       last_error text,
       created_by uuid,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create index report_schedules_due on report_schedules (next_run_at) where enabled`,
  ],
};
