import type { Kysely } from "kysely";
import type { DB, DemoRecordTableName } from "../db/schema.ts";

/** The kinds of things demo data creates and "Delete demo data" removes, in deletion order. */
export const DEMO_TABLES: readonly DemoRecordTableName[] = [
  "conversations",
  "contacts",
  "channels",
  "rules",
  "canned_replies",
  "teams",
  "users",
];

export type DemoIds = Record<DemoRecordTableName, string[]>;

/** Every id of the demo's kinds of things in the account now (a snapshot, to compare). */
export async function accountIds(db: Kysely<DB>, accountId: string): Promise<DemoIds> {
  const out = {} as DemoIds;
  for (const table of DEMO_TABLES) {
    const rows = await db
      .selectFrom(table)
      .select("id")
      .where("account_id", "=", accountId)
      .execute();
    out[table] = rows.map((row) => row.id);
  }
  return out;
}

/** Keeps as the demo's what exists now and did not in `before`. */
export async function recordDemoRecords(
  db: Kysely<DB>,
  accountId: string,
  before: DemoIds,
): Promise<void> {
  const after = await accountIds(db, accountId);
  const rows = DEMO_TABLES.flatMap((table) => {
    const earlier = new Set(before[table]);
    return after[table]
      .filter((id) => !earlier.has(id))
      .map((id) => ({ account_id: accountId, table_name: table, record_id: id }));
  });
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto("demo_records")
      .values(rows.slice(start, start + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The ids the demo created that still exist, per kind. */
export async function demoIds(db: Kysely<DB>, accountId: string): Promise<DemoIds> {
  const recorded = await db
    .selectFrom("demo_records")
    .select(["table_name", "record_id"])
    .where("account_id", "=", accountId)
    .execute();
  const out = {} as DemoIds;
  for (const table of DEMO_TABLES) {
    const ids = recorded.filter((row) => row.table_name === table).map((row) => row.record_id);
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom(table)
            .select("id")
            .where("account_id", "=", accountId)
            .where("id", "in", ids)
            .execute();
    out[table] = rows.map((row) => row.id);
  }
  return out;
}

/** How many of each the demo created still exist. */
export function countDemo(ids: DemoIds): Record<DemoRecordTableName, number> {
  return Object.fromEntries(DEMO_TABLES.map((table) => [table, ids[table].length])) as Record<
    DemoRecordTableName,
    number
  >;
}

/**
 * Deletes what the demo created, in the caller's transaction: its conversations (with what hangs
 * on them), then its contacts that no other conversation names, its channels, rules, canned
 * replies, teams and agents. Things the team made keep their rows; a link to a deleted demo
 * channel, team or agent becomes empty, as when an admin deletes one.
 */
export async function deleteDemoRecords(trx: Kysely<DB>, accountId: string, ids: DemoIds) {
  const conversations = ids.conversations;
  if (conversations.length > 0) {
    for (const table of ["promises", "sla_clocks"] as const) {
      await trx
        .deleteFrom(table)
        .where("account_id", "=", accountId)
        .where("conversation_id", "in", conversations)
        .execute();
    }
    await trx
      .deleteFrom("conversations")
      .where("account_id", "=", accountId)
      .where("id", "in", conversations)
      .execute();
  }
  const deleted = { ...countDemo(ids), contacts: 0 };
  if (ids.contacts.length > 0) {
    const gone = await trx
      .deleteFrom("contacts")
      .where("account_id", "=", accountId)
      .where("id", "in", ids.contacts)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("conversations as c")
              .select("c.id")
              .where("c.account_id", "=", accountId)
              .whereRef("c.contact_id", "=", "contacts.id"),
          ),
        ),
      )
      .returning("id")
      .execute();
    deleted.contacts = gone.length;
  }
  for (const table of ["channels", "rules", "canned_replies", "teams", "users"] as const) {
    if (ids[table].length === 0) continue;
    await trx
      .deleteFrom(table)
      .where("account_id", "=", accountId)
      .where("id", "in", ids[table])
      .execute();
  }
  await trx.deleteFrom("demo_records").where("account_id", "=", accountId).execute();
  return deleted;
}
