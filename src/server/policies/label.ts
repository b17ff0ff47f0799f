import { isAdmin, isMember } from "./roles.ts";

/** Admins keep the account's list of labels; every agent reads it and applies labels. */
export const labelRules = {
  "label.read": isMember,
  "label.manage": isAdmin,
};
