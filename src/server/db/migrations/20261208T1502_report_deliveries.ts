import type { Migration } from "../migrate.ts";

/**
 * One row per scheduled report and period: its key (schedule, period start) is what makes a
 * period's report go out once, whatever the number of workers and restarts. `status` moves
 * pending → sending → sent (or failed, retried); `claimed_at` fences a sender that died.
 */
export const reportDeliveries: Migration = {
  name: "20261208T1502_report_deliveries",
  statements: [
    `create table report_deliveries (
       account_id uuid not null references accounts(id) on delete cascade,
       schedule_id uuid not null,
       period_start timestamptz not null,
       period_end timestamptz not null,
       status text not null default 'pending'
         check (status in ('pending', 'sending', 'sent', 'failed')),
       attempts integer not null default 0,
       claimed_at timestamptz,
       sent_at timestamptz,
       error text,
       message_id text,
       created_at timestamptz not null default now(),
       primary key (account_id, schedule_id, period_start),
       foreign key (account_id, schedule_id) references report_schedules(account_id, id) on delete cascade
     )`,
  ],
};
