import type { Kysely } from "kysely";
import type { SlaClock } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";

/** Every SLA clock of the given conversations of the account, oldest first (history included). */
export async function listSlaClocks(
  db: Kysely<DB>,
  accountId: string,
  conversationIds: readonly string[],
): Promise<SlaClock[]> {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom("sla_clocks")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "in", [...conversationIds])
    .orderBy("created_at")
    .execute();
}
