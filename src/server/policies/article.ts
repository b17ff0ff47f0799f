import { isMember, isSupervisor } from "./roles.ts";

/** Supervisors and admins write the help centre; every agent reads it (and links to it). */
export const articleRules = {
  "article.read": isMember,
  "article.manage": isSupervisor,
  "helpCentre.manage": isSupervisor,
};
