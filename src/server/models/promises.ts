import { type Kysely, sql } from "kysely";
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

/** A promise with who made it and on which conversation, for the lists of promises. */
export type ListedPromise = CustomerPromise & {
  made_by_name: string | null;
  conversation_number: number;
  contact_name: string | null;
};

/**
 * The account's promises by due time: optionally of one status, of one agent's conversations
 * (`assigneeId`) or made by one agent (`madeById`), with their author and conversation.
 */
export async function listPromises(
  db: Kysely<DB>,
  accountId: string,
  filter: { status?: PromiseStatus; assigneeId?: string; madeById?: string; limit: number },
): Promise<ListedPromise[]> {
  return db
    .selectFrom("promises as p")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "p.account_id").onRef("c.id", "=", "p.conversation_id"),
    )
    .leftJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "p.account_id").onRef("u.id", "=", "p.made_by_user_id"),
    )
    .selectAll("p")
    .select([
      "u.name as made_by_name",
      "c.number as conversation_number",
      sql<string | null>`coalesce(ct.name, ct.email, ct.phone)`.as("contact_name"),
    ])
    .where("p.account_id", "=", accountId)
    .$if(filter.status !== undefined, (query) =>
      query.where("p.status", "=", filter.status ?? "open"),
    )
    .$if(filter.assigneeId !== undefined, (query) =>
      query.where("c.assignee_id", "=", filter.assigneeId ?? ""),
    )
    .$if(filter.madeById !== undefined, (query) =>
      query.where("p.made_by_user_id", "=", filter.madeById ?? ""),
    )
    .orderBy("p.due_at")
    .orderBy("p.id")
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
