import type { Kysely } from "kysely";
import type { CustomerPromise, PromiseStatus } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";

/** A conversation's promises, oldest first. */
export async function listConversationPromises(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<CustomerPromise[]> {
  return db
    .selectFrom("promises")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .orderBy("created_at")
    .execute();
}

/** The account's promises by due time, optionally of one status and of one agent's conversations. */
export async function listPromises(
  db: Kysely<DB>,
  accountId: string,
  filter: { status?: PromiseStatus; assigneeId?: string; limit: number },
): Promise<CustomerPromise[]> {
  return db
    .selectFrom("promises as p")
    .selectAll("p")
    .where("p.account_id", "=", accountId)
    .$if(filter.status !== undefined, (query) =>
      query.where("p.status", "=", filter.status ?? "open"),
    )
    .$if(filter.assigneeId !== undefined, (query) =>
      query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("conversations as c")
            .select("c.id")
            .whereRef("c.account_id", "=", "p.account_id")
            .whereRef("c.id", "=", "p.conversation_id")
            .where("c.assignee_id", "=", filter.assigneeId ?? ""),
        ),
      ),
    )
    .orderBy("p.due_at")
    .limit(filter.limit)
    .execute();
}

/** The open promise due first on each of the given conversations. */
export async function openPromisesOf(
  db: Kysely<DB>,
  accountId: string,
  conversationIds: readonly string[],
): Promise<Map<string, CustomerPromise>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("promises")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "in", [...conversationIds])
    .where("status", "=", "open")
    .orderBy("due_at", "desc")
    .execute();
  return new Map(rows.map((row) => [row.conversation_id, row]));
}

/** The promise a reply carried, if it carried one. */
export async function findPromiseOfMessage(
  db: Kysely<DB>,
  accountId: string,
  messageId: string,
): Promise<CustomerPromise | undefined> {
  return db
    .selectFrom("promises")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("message_id", "=", messageId)
    .executeTakeFirst();
}
