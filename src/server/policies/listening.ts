import { isMember, isSupervisor } from "./roles.ts";

/**
 * Listening: supervisors and admins keep the queries (what is searched, alerts, webhooks);
 * every member of the service team reads the mentions, stats and alerts and answers a mention.
 */
export const listeningRules = {
  "listening.read": isMember,
  "listening.manage": isSupervisor,
  "mention.answer": isMember,
};
