import type { Actor } from "../auth/actor.ts";
import { anyone, isAdmin } from "./roles.ts";

/** Everyone sees their colleagues (to assign); only admins manage them; everyone edits themself. */
export const userRules = {
  "user.read": anyone,
  "user.manage": isAdmin,
  "user.update": (actor: Actor, subject?: Record<string, unknown>) =>
    isAdmin(actor) || subject?.id === actor.userId,
};
