import { anyone, isSupervisor } from "./roles.ts";

/**
 * Everyone reads SLA policies (to see the clocks they set); supervisors and admins write them.
 * Any agent keeps or reschedules a promise: front-line agents resolve alone.
 */
export const slaRules = {
  "sla_policy.read": anyone,
  "sla_policy.manage": isSupervisor,
  "promise.read": anyone,
  "promise.update": anyone,
};
