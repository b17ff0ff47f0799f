import type { Migration } from "../migrate.ts";

/**
 * Each agent's choice per notification kind: whether it rings in the app (the bell and the live
 * toast) and whether it is also sent by email. No row means the default (in the app, no email).
 * `notification_emails` remembers each email sent, so a job run twice sends it once.
 */
export const notificationSettings: Migration = {
  name: "20261211T1703_notification_settings",
  statements: [
    `create table notification_settings (
       account_id uuid not null,
       user_id uuid not null,
       kind text not null,
       in_app boolean not null default true,
       email boolean not null default false,
       updated_at timestamptz not null default now(),
       primary key (account_id, user_id, kind),
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,
    `create table notification_emails (
       account_id uuid not null,
       notification_id bigint not null,
       user_id uuid not null,
       sent_at timestamptz not null default now(),
       primary key (account_id, notification_id, user_id),
       foreign key (account_id, notification_id) references notifications(account_id, id) on delete cascade,
       foreign key (account_id, user_id) references users(account_id, id) on delete cascade
     )`,
  ],
};
