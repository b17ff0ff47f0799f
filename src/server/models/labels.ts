import { type Kysely, sql } from "kysely";
import type { DB, Label } from "../db/schema.ts";
import { conflict } from "../errors.ts";

export type LabelRow = Label & { conversation_count: number };

/** The account's labels by name, each with the open, pending or snoozed conversations carrying it. */
export async function listLabels(db: Kysely<DB>, accountId: string): Promise<LabelRow[]> {
  const rows = await db
    .selectFrom("labels as l")
    .selectAll("l")
    .select((eb) =>
      eb
        .selectFrom("conversations as c")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("c.account_id", "=", "l.account_id")
        .where(sql<boolean>`c.labels @> array[l.name]`)
        .where("c.status", "in", ["open", "pending", "snoozed"])
        .as("conversation_count"),
    )
    .where("l.account_id", "=", accountId)
    .orderBy(sql`lower(l.name)`)
    .execute();
  return rows.map((row) => ({ ...row, conversation_count: Number(row.conversation_count ?? 0) }));
}

/** 409 when another label of the account has this name (whatever its case). */
export async function checkLabelName(
  db: Kysely<DB>,
  accountId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const row = await db
    .selectFrom("labels")
    .select("id")
    .where("account_id", "=", accountId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .$if(Boolean(exceptId), (query) => query.where("id", "!=", exceptId ?? ""))
    .executeTakeFirst();
  if (row) throw conflict("label_exists", `The label "${name}" already exists.`);
}

/** Renames a label on every conversation of the account that carries it. */
export async function renameLabelOnConversations(
  db: Kysely<DB>,
  accountId: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable("conversations")
    .set({ labels: sql`array_replace(labels, ${from}, ${to})` })
    .where("account_id", "=", accountId)
    .where(sql<boolean>`labels @> array[${from}]::text[]`)
    .execute();
}

/** Takes a label off every conversation of the account that carries it. */
export async function removeLabelFromConversations(
  db: Kysely<DB>,
  accountId: string,
  name: string,
): Promise<void> {
  await db
    .updateTable("conversations")
    .set({ labels: sql`array_remove(labels, ${name})` })
    .where("account_id", "=", accountId)
    .where(sql<boolean>`labels @> array[${name}]::text[]`)
    .execute();
}
