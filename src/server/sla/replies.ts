import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * The definitions every SLA figure uses (docs/sla.md):
 * - an **agent reply** is an outbound message written by an agent (not a note, not an automatic
 *   message: rule replies, callback notices, promise follow-ups, public acknowledgements) and
 *   **actually sent** (`sent_at` set: not queued, not failed);
 * - a **next response** is the first agent reply sent after a customer message that follows an
 *   agent reply.
 */
export function agentReplySent(db: Kysely<DB>, accountId: string, conversationId: string) {
  return db
    .selectFrom("messages")
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "out")
    .where("author_user_id", "is not", null)
    .where("sent_at", "is not", null)
    .where(sql<boolean>`coalesce((metadata->>'automatic')::boolean, false) = false`)
    .where(sql<boolean>`not (metadata ? 'acknowledgesPrivateReply')`);
}

/** When the conversation's agent replies were sent, oldest first. */
export async function agentReplyTimes(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<Date[]> {
  const rows = await agentReplySent(db, accountId, conversationId)
    .select("sent_at")
    .orderBy("sent_at")
    .execute();
  return rows.flatMap((row) => (row.sent_at ? [new Date(row.sent_at)] : []));
}

/**
 * The customer message a next response is owed to: the first one after the latest agent reply,
 * when there has been an agent reply; null when nothing is owed.
 */
export async function awaitingCustomerMessage(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  lastReplyAt: Date | null,
): Promise<{ id: string; created_at: Date } | null> {
  if (!lastReplyAt) return null;
  const row = await db
    .selectFrom("messages")
    .select(["id", "created_at"])
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .where("deleted_at", "is", null)
    .where("created_at", ">", lastReplyAt)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, created_at: new Date(row.created_at) } : null;
}
