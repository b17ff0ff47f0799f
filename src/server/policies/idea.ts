import { isMember, isSupervisor } from "./roles.ts";

/**
 * Every agent reads the ideas board, files a customer's suggestion under an idea (or a new one)
 * and edits its words; what customers hear of or see — a status change that is announced to
 * them, the public page, a merge or a deletion that moves their votes — is a supervisor's call.
 */
export const ideaRules = {
  "idea.read": isMember,
  "idea.write": isMember,
  "idea.manage": isSupervisor,
};
