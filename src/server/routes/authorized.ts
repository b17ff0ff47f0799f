import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { loadOwned, type OwnedRow, type OwnedTable } from "../models/owned.ts";
import { type Action, authorize } from "../policies/index.ts";

/**
 * The route's subject: the actor's account's row named by the request (404 when it has none),
 * once the actor may perform `action` on it (403 otherwise). What a handler then does with it
 * assumes an authorized actor.
 */
export async function loadAuthorized<T extends OwnedTable>(
  db: Kysely<DB>,
  actor: Actor,
  action: Action,
  table: T,
  id: string,
): Promise<OwnedRow<T>> {
  const row = await loadOwned(db, table, actor.accountId, id);
  authorize(actor, action, row);
  return row;
}

/** The conversation a route acts on, once the actor may perform `action` on it (404, then 403). */
export async function loadConversation(
  db: Kysely<DB>,
  actor: Actor,
  action: Action,
  id: string,
): Promise<OwnedRow<"conversations">> {
  return loadAuthorized(db, actor, action, "conversations", id);
}
