import { anyone, isAdmin } from "./roles.ts";

/** Channels hold credentials: only admins create, change or remove them. */
export const channelRules = {
  "channel.read": anyone,
  "channel.manage": isAdmin,
};
