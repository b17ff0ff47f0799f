import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

/** Reopens every snoozed conversation whose time has come. */
export async function snoozeWaker(db: Kysely<DB>, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const woken = await trx
      .updateTable("conversations")
      .set({ status: "open", snoozed_until: null, updated_at: now })
      .where("status", "=", "snoozed")
      .where("snoozed_until", "<=", now)
      .returning(["account_id", "id"])
      .execute();
    for (const row of woken) {
      await recordEvent(trx, {
        accountId: row.account_id,
        name: "conversation.updated",
        payload: { conversationId: row.id, changes: ["status"] },
      });
    }
    return woken.length;
  });
}
