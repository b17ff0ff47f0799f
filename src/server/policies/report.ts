import { anyone, isSupervisor } from "./roles.ts";

/**
 * Every member of the account, viewers included, reads the reports: they hold figures, never a
 * customer's name, handle or words. Supervisors and admins schedule reports to be e-mailed.
 */
export const reportRules = {
  "report.read": anyone,
  "reportSchedule.manage": isSupervisor,
};
