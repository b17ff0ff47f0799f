import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

const BATCH = 1000;

/** Marks the X channels the import creates: they hold history and cannot send. */
export const IMPORTED_FROM = "twcs";

/** One X channel per company, named after it; found again by name on a later import. */
export async function importedChannels(
  db: Kysely<DB>,
  accountId: string,
  companies: ReadonlyArray<string>,
): Promise<Map<string, string>> {
  const channels = new Map<string, string>();
  if (companies.length === 0) return channels;
  const existing = await db
    .selectFrom("channels")
    .select(["id", "name"])
    .where("account_id", "=", accountId)
    .where("kind", "=", "x")
    .where(sql<boolean>`config->>'importedFrom' = ${IMPORTED_FROM}`)
    .execute();
  for (const row of existing) channels.set(row.name, row.id);
  const missing = companies.filter((name) => !channels.has(name));
  for (let start = 0; start < missing.length; start += BATCH) {
    const rows = missing.slice(start, start + BATCH).map((name) => ({
      account_id: accountId,
      id: randomUUID(),
      kind: "x",
      name,
      config: JSON.stringify({ importedFrom: IMPORTED_FROM, handle: name, canSend: false }),
      // Disabled: no webhook, poller or profile lookup ever runs for it.
      disabled_at: new Date(),
    }));
    await db.insertInto("channels").values(rows).execute();
    for (const row of rows) channels.set(row.name, row.id);
  }
  return channels;
}

/** One contact per customer, with an X identity whose value is the dataset's author id. */
export async function importedContacts(
  db: Kysely<DB>,
  accountId: string,
  authors: ReadonlyArray<string>,
): Promise<Map<string, string>> {
  const { contacts, missing } = await placeContacts(db, accountId, authors);
  for (let start = 0; start < missing.length; start += BATCH) {
    await insertContacts(db, accountId, missing.slice(start, start + BATCH));
  }
  return contacts;
}

export interface NewContact {
  author: string;
  id: string;
}

/**
 * Each customer's contact: found by its X identity, or given an id now for `insertContacts` to
 * create (the importer writes them while it reads on).
 */
export async function placeContacts(
  db: Kysely<DB>,
  accountId: string,
  authors: ReadonlyArray<string>,
): Promise<{ contacts: Map<string, string>; missing: NewContact[] }> {
  const contacts = new Map<string, string>();
  const missing: NewContact[] = [];
  for (let start = 0; start < authors.length; start += BATCH) {
    const batch = authors.slice(start, start + BATCH);
    const existing = await db
      .selectFrom("identities")
      .select(["value", "contact_id"])
      .where("account_id", "=", accountId)
      .where("kind", "=", "twitter")
      .where("value", "in", batch)
      .execute();
    for (const row of existing) contacts.set(row.value, row.contact_id);
    for (const author of batch) {
      if (contacts.has(author)) continue;
      const row = { author, id: randomUUID() };
      missing.push(row);
      contacts.set(author, row.id);
    }
  }
  return { contacts, missing };
}

/** Creates these contacts and their X identities (at most BATCH at a time). */
export async function insertContacts(
  db: Kysely<DB>,
  accountId: string,
  rows: ReadonlyArray<NewContact>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("contacts")
    .values(rows.map((row) => ({ account_id: accountId, id: row.id, name: row.author })))
    .execute();
  await db
    .insertInto("identities")
    .values(
      rows.map((row) => ({
        account_id: accountId,
        contact_id: row.id,
        kind: "twitter" as const,
        value: row.author,
      })),
    )
    .execute();
}
