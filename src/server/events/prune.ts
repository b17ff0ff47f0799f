import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/** Events deleted per statement. */
const BATCH = 1000;

/** Published events older than `cutoff`, oldest first, on the `events_published` index. */
export function prunableEvents(db: Kysely<DB>, cutoff: Date, limit = BATCH) {
  return db
    .selectFrom("events")
    .select(["account_id", "id"])
    .where("published_at", "is not", null)
    .where("published_at", "<", cutoff)
    .orderBy("published_at")
    .limit(limit);
}

/**
 * Deletes published events once `retentionDays` old, a bounded batch per statement, until none
 * is left. Their jobs carry the event, and notifications have their own table, so nothing reads
 * an event that old; unpublished ones are never touched.
 */
export async function pruneEvents(
  db: Kysely<DB>,
  retentionDays: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from events
       where (account_id, id) in (${prunableEvents(db, cutoff)})`.execute(db);
    const count = Number(numAffectedRows ?? 0);
    total += count;
    if (count < BATCH) return total;
  }
}
