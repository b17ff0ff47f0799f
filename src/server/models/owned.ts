import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

/**
 * The tables whose rows an account owns and names by `id`, with the word a "not found" answer
 * uses for each.
 */
const NAMES = {
  api_tokens: "API token",
  approvals: "Approval",
  attachments: "Attachment",
  callbacks: "Callback",
  calls: "Call",
  canned_replies: "Canned reply",
  channels: "Channel",
  contacts: "Contact",
  conversations: "Conversation",
  promises: "Promise",
  report_schedules: "Report schedule",
  rules: "Rule",
  sla_policies: "SLA policy",
  teams: "Team",
  users: "User",
  labels: "Label",
  ideas: "Idea",
  stories: "Story",
  articles: "Article",
  article_categories: "Article category",
  listening_queries: "Listening query",
  mentions: "Mention",
} as const satisfies Partial<Record<keyof DB, string>>;

export type OwnedTable = keyof typeof NAMES;
/** A row of one of these tables: whatever the table, it names its account and its id. */
export type OwnedRow<T extends OwnedTable> = Selectable<DB[T]> & { account_id: string; id: string };

/*
 * One way to load, add, update and delete a row an account owns: every statement is scoped by
 * `account_id`, so another account's id is simply not found. (Kysely types a query over a union
 * of tables by the columns they share; each answer is the row of the one table named.)
 */

function found<T extends OwnedTable>(table: T, row: OwnedRow<T> | undefined): OwnedRow<T> {
  if (!row) throw notFound(NAMES[table]);
  return row;
}

/** The account's row, or undefined; with `forUpdate`, locked until the transaction ends. */
export async function findOwned<T extends OwnedTable>(
  db: Kysely<DB>,
  table: T,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OwnedRow<T> | undefined> {
  const row = await db
    .selectFrom(table as OwnedTable)
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .$if(options.forUpdate === true, (query) => query.forUpdate())
    .executeTakeFirst();
  return row as OwnedRow<T> | undefined;
}

/** The account's row, or a 404 that names what was looked for ("Team not found."). */
export async function loadOwned<T extends OwnedTable>(
  db: Kysely<DB>,
  table: T,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OwnedRow<T>> {
  return found(table, await findOwned(db, table, accountId, id, options));
}

/** Adds a row (its values name its account) and returns it as stored. */
export async function insertOwned<T extends OwnedTable>(
  db: Kysely<DB>,
  table: T,
  values: Insertable<DB[T]> & { account_id: string },
): Promise<OwnedRow<T>> {
  const row = await db
    .insertInto(table as OwnedTable)
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as OwnedRow<T>;
}

/** Changes the account's row and returns it as it is now (404 when it is gone). */
export async function updateOwned<T extends OwnedTable>(
  db: Kysely<DB>,
  table: T,
  accountId: string,
  id: string,
  values: Updateable<DB[T]>,
): Promise<OwnedRow<T>> {
  const row = await db
    .updateTable(table as OwnedTable)
    .set(values)
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return found(table, row as OwnedRow<T> | undefined);
}

/** Deletes the account's row and returns what it was (404 when it was already gone). */
export async function deleteOwned<T extends OwnedTable>(
  db: Kysely<DB>,
  table: T,
  accountId: string,
  id: string,
): Promise<OwnedRow<T>> {
  const row = await db
    .deleteFrom(table as OwnedTable)
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return found(table, row as OwnedRow<T> | undefined);
}
