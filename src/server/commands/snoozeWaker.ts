import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvents } from "../events/outbox.ts";

/** Conversations woken per transaction. */
const BATCH = 500;

/** Snoozed conversations whose time has come, oldest first, on the `conversations_snoozed` index. */
export function dueSnoozed(db: Kysely<DB>, now: Date, limit = BATCH) {
  return db
    .selectFrom("conversations")
    .select(["account_id", "id"])
    .where("status", "=", "snoozed")
    .where("snoozed_until", "<=", now)
    .orderBy("snoozed_until")
    .limit(limit);
}

/**
 * Reopens every snoozed conversation whose time has come: one set-based UPDATE … RETURNING per
 * bounded batch (rows another worker holds are skipped), its events written in one statement,
 * until none is left.
 */
export async function snoozeWaker(db: Kysely<DB>, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const woken = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ account_id: string; id: string }>`
        update conversations
           set status = 'open', snoozed_until = null, updated_at = ${now}
         where (account_id, id) in (${dueSnoozed(trx, now).forUpdate().skipLocked()})
        returning account_id, id`.execute(trx);
      await recordEvents(
        trx,
        rows.map((row) => ({
          accountId: row.account_id,
          name: "conversation.updated" as const,
          payload: { conversationId: row.id, changes: ["status"] },
        })),
      );
      return rows.length;
    });
    total += woken;
    if (woken < BATCH) return total;
  }
}
