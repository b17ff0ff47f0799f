import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import type { Actor } from "./actor.ts";

/** An agent not heard from for this long is taken as gone (a crashed server cannot say so). */
export const AGENT_PRESENCE_SECONDS = 75;

/**
 * Counts an agent's open app sockets, on whichever server holds them, and refreshes when one was
 * last heard: +1 when a socket opens, -1 when it closes, 0 on each heartbeat.
 */
export async function markAgentConnection(db: Kysely<DB>, actor: Actor, delta: 1 | -1 | 0) {
  await db
    .updateTable("users")
    .set({
      live_connections: sql<number>`greatest(0, live_connections + ${delta})`,
      live_seen_at: sql<Date>`now()`,
    })
    .where("account_id", "=", actor.accountId)
    .where("id", "=", actor.userId)
    .execute();
}

/**
 * Someone can answer live: an agent of the account marked available, with the app open on any
 * server and heard from within the presence window.
 */
export async function agentsAvailable(db: Kysely<DB>, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("account_id", "=", accountId)
    .where("available", "=", true)
    .where("disabled_at", "is", null)
    .where("live_connections", ">", 0)
    .where(sql<boolean>`live_seen_at > now() - ${AGENT_PRESENCE_SECONDS} * interval '1 second'`)
    .executeTakeFirst();
  return row !== undefined;
}
