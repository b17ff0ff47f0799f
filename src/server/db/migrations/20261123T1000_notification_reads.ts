import type { Migration } from "../migrate.ts";

/**
 * Notifications are the `notification.created` events already kept in the outbox; each agent's
 * place in them (the newest event read) is kept here, so the bell's count survives a reload.
 */
export const notificationReads: Migration = {
  name: "20261123T1000_notification_reads",
  statements: [
    `create table notification_reads (
       account_id uuid not null,
       user_id uuid not null,
       read_up_to bigint not null default 0,
       updated_at timestamptz not null default now(),
       primary key (account_id, user_id),
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,
    // Notifications are read newest first, per account, among many other events.
    `create index events_notifications on events (account_id, id desc)
       where name = 'notification.created'`,
  ],
};
