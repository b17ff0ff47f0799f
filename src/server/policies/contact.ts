import { anyone } from "./roles.ts";

/** Agents see and correct the customer record of every conversation they handle. */
export const contactRules = {
  "contact.read": anyone,
  "contact.update": anyone,
};
