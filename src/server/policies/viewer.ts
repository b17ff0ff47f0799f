import type { Actor } from "../auth/actor.ts";
import type { Method } from "../routes/route.ts";

/**
 * What a viewer may call: the reports, published stories, their own session, settings and tokens, and the names of
 * channels, teams and colleagues that the report filters and the load per agent show. Everything
 * else — conversations, contacts, messages, attachments, callbacks, rules — holds customers'
 * words or data, and answers 403. A list of what is allowed, so that a new route is closed to
 * viewers until someone decides otherwise.
 */
const VIEWER_ROUTES: ReadonlyArray<readonly [Method | "*", RegExp]> = [
  ["GET", /^\/api\/v1\/reports\//],
  ["*", /^\/api\/v1\/session$/],
  ["*", /^\/api\/v1\/tokens(\/:id)?$/],
  ["GET", /^\/api\/v1\/notifications$/],
  ["GET", /^\/api\/v1\/(channels|teams|users)$/],
  ["GET", /^\/api\/v1\/account$/],
  ["PATCH", /^\/api\/v1\/users\/:id$/],
  ["PUT", /^\/api\/v1\/reports\/dashboard$/],
  // Stories, anonymised: the story policy lets viewers read the published ones only.
  ["GET", /^\/api\/v1\/stories(\/:id(\/export\.md)?)?$/],
];

export const isViewer = (actor: Actor) => actor.role === "viewer";

/** Whether the actor may reach this route at all (every role but viewers may reach all). */
export function reachable(actor: Actor, method: Method, url: string): boolean {
  if (!isViewer(actor)) return true;
  return VIEWER_ROUTES.some(
    ([allowed, pattern]) => (allowed === "*" || allowed === method) && pattern.test(url),
  );
}
