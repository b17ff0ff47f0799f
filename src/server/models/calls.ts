import type { Kysely } from "kysely";
import type { Call, DB } from "../db/schema.ts";

/** The phone calls of a conversation, oldest first. */
export async function listCalls(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<Call[]> {
  return db
    .selectFrom("calls")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .orderBy("created_at")
    .execute();
}

/** One call of the conversation, or undefined. */
export async function findConversationCall(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  callId: string,
): Promise<Call | undefined> {
  return db
    .selectFrom("calls")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .where("id", "=", callId)
    .executeTakeFirst();
}
