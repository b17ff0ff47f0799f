import type { Migration } from "../migrate.ts";

/**
 * A channel's health as the channels settings show it: when it last received a message, and the
 * last error a send met (with when), kept on the channel row as they happen.
 */
export const channelHealth: Migration = {
  name: "20261211T1704_channel_health",
  statements: [
    `alter table channels add column last_received_at timestamptz`,
    `alter table channels add column last_error text`,
    `alter table channels add column last_error_at timestamptz`,
  ],
};
