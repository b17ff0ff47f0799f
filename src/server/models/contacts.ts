import type { Kysely } from "kysely";
import type { Contact, DB, Identity } from "../db/schema.ts";
import { selectConversationRows } from "./conversations.ts";

export async function findContact(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<Contact | undefined> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The identities of some contacts of the account, oldest first. */
export async function findIdentities(
  db: Kysely<DB>,
  accountId: string,
  contactIds: string[],
): Promise<Identity[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom("identities")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("contact_id", "in", contactIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A contact's conversations on every channel, most recent first, as list rows. */
export async function findContactConversations(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  contactId: string,
) {
  return selectConversationRows(db, accountId, userId)
    .where("c.contact_id", "=", contactId)
    .orderBy("c.last_message_at", "desc")
    .limit(200)
    .execute();
}
