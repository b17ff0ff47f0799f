import type { Migration } from "../migrate.ts";

/**
 * How repeat contacts are handled, per account: the window in days, and whether a repeat on the
 * same channel of a resolved conversation only links to it or reopens it.
 */
export const repeatSettings: Migration = {
  name: "20261208T1410_repeat_settings",
  statements: [
    `alter table accounts add column repeat_window_days integer not null default 7
       check (repeat_window_days between 1 and 90),
       add column repeat_action text not null default 'link' check (repeat_action in ('link', 'reopen'))`,
  ],
};
