import type { Actor } from "../auth/actor.ts";
import { anyone } from "./roles.ts";

/** Personal API tokens: each user manages their own. */
export const tokenRules = {
  "token.create": anyone,
  "token.revoke": (actor: Actor, subject?: Record<string, unknown>) =>
    subject?.user_id === actor.userId,
};
