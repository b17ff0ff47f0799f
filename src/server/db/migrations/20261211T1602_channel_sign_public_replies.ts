import type { Migration } from "../migrate.ts";

/** Whether the channel's public replies carry their agent's signature (off until an admin says). */
export const channelSignPublicReplies: Migration = {
  name: "20261211T1602_channel_sign_public_replies",
  statements: [
    `alter table channels add column sign_public_replies boolean not null default false`,
  ],
};
