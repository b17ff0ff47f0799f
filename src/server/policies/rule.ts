import { isMember, isSupervisor } from "./roles.ts";

/**
 * Supervisors and admins write the account's automation rules and canned replies; every agent
 * reads them (to understand what happened to a conversation, and to answer with a canned reply).
 */
export const ruleRules = {
  "rule.read": isMember,
  "rule.manage": isSupervisor,
  "cannedReply.read": isMember,
  "cannedReply.manage": isSupervisor,
};
