import { type Kysely, sql } from "kysely";
import type { Contact, DB, Identity } from "../db/schema.ts";
import { decodeCursor, encodeCursor, ZTimeCursor } from "../routes/cursor.ts";
import { hasOpenSuggestion } from "./contactSuggestions.ts";
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

/** Some contacts of the account, by id (in no order). */
export async function findContacts(
  db: Kysely<DB>,
  accountId: string,
  ids: string[],
): Promise<Contact[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "in", ids)
    .execute();
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

export interface ContactListRow extends Contact {
  conversation_count: number | null;
  last_activity_at: Date | null;
}

/**
 * The account's contacts (merged ones left out), newest first, keyset-paginated; `q` finds them
 * by name, email or phone (full text) or by part of an identity's value or handle. Each comes
 * with their identities, their number of conversations and their latest activity. `duplicates`
 * keeps those with an open duplicate suggestion.
 */
export async function listContacts(
  db: Kysely<DB>,
  accountId: string,
  query: { q?: string; cursor?: string; limit: number; duplicates?: boolean },
): Promise<{ rows: ContactListRow[]; identities: Identity[]; nextCursor?: string }> {
  let builder = db
    .selectFrom("contacts as c")
    .selectAll("c")
    .select((eb) => [
      eb
        .selectFrom("conversations as cv")
        .whereRef("cv.account_id", "=", "c.account_id")
        .whereRef("cv.contact_id", "=", "c.id")
        .select(sql<number>`count(*)::int`.as("n"))
        .as("conversation_count"),
      eb
        .selectFrom("conversations as cv")
        .whereRef("cv.account_id", "=", "c.account_id")
        .whereRef("cv.contact_id", "=", "c.id")
        .select(sql<Date | null>`max(cv.last_message_at)`.as("at"))
        .as("last_activity_at"),
    ])
    .where("c.account_id", "=", accountId)
    .where("c.merged_into_id", "is", null);
  const q = query.q;
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
    builder = builder.where((eb) =>
      eb.or([
        sql<boolean>`c.search @@ relais_search_query(${q})`,
        eb.exists(
          eb
            .selectFrom("identities as i")
            .select(sql`1`.as("one"))
            .whereRef("i.account_id", "=", "c.account_id")
            .whereRef("i.contact_id", "=", "c.id")
            .where((inner) =>
              inner.or([inner("i.value", "ilike", like), inner("i.handle", "ilike", like)]),
            ),
        ),
      ]),
    );
  }
  if (query.duplicates) builder = builder.where(hasOpenSuggestion());
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ZTimeCursor);
    builder = builder.where(
      sql<boolean>`(c.created_at, c.id) < (${new Date(createdAt)}, ${id}::uuid)`,
    );
  }
  const rows = await builder
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const visible = rows.slice(0, query.limit);
  const identities = await findIdentities(
    db,
    accountId,
    visible.map((row) => row.id),
  );
  const last = visible.at(-1);
  return {
    rows: visible,
    identities,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.created_at.toISOString(), last.id])
        : undefined,
  };
}
