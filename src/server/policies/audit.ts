import { isSupervisor } from "./roles.ts";

/** The audit trail (who did what, when, why) is read by supervisors and admins. */
export const auditRules = {
  "audit.read": isSupervisor,
};
