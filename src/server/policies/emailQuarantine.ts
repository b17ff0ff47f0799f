import { isAdmin } from "./roles.ts";

/** Quarantined mail may come from anyone and hold anything: admins read it and decide. */
export const emailQuarantineRules = {
  "email_quarantine.read": isAdmin,
  "email_quarantine.manage": isAdmin,
};
