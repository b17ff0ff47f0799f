import { isAdmin } from "./roles.ts";

/** The account's own settings and its demo data: admins. */
export const accountRules = {
  "account.demo.read": isAdmin,
  "account.demo.delete": isAdmin,
};
