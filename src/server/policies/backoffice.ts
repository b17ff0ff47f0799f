import { anyone, isAdmin, isSupervisor } from "./roles.ts";

/**
 * Every agent reads orders, products and stock, and acts for a customer (within the authority
 * limits of their role, checked by the command); supervisors and admins decide approvals and
 * announce delays; admins set the limits.
 */
export const backofficeRules = {
  "order.read": anyone,
  "product.read": anyone,
  "agentAction.create": anyone,
  "approval.read": isSupervisor,
  "approval.decide": isSupervisor,
  "authorityLimits.read": anyone,
  "authorityLimits.manage": isAdmin,
  "delay.create": isSupervisor,
};
