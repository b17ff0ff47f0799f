import { type Kysely, sql } from "kysely";
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

/** The sort key a conversation without a running, due clock has: after every real due time. */
export const NO_SLA_DUE_KEY = 1e16;

/**
 * Sets the conversation's inbox sort key (`conversations.sla_due_key`) to the nearest due time of
 * its running clocks, in epoch milliseconds. Run in the transaction that moved its clocks.
 */
export async function refreshSlaDueKey(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<void> {
  await db
    .updateTable("conversations as c")
    .set({
      sla_due_key: sql<number>`coalesce((select min(extract(epoch from s.due_at) * 1000)
        from sla_clocks s where s.account_id = c.account_id and s.conversation_id = c.id
        and s.met_at is null and s.superseded_at is null and s.due_at is not null),
        ${sql.lit(NO_SLA_DUE_KEY)})::float8`,
    })
    .where("c.account_id", "=", accountId)
    .where("c.id", "=", conversationId)
    .execute();
}
