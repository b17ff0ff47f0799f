import { anyone, isSupervisor } from "./roles.ts";

/** Supervisors and admins organise teams; everyone sees them (to route and assign). */
export const teamRules = {
  "team.read": anyone,
  "team.manage": isSupervisor,
};
