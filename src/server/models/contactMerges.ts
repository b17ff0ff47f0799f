import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/** What was merged into a contact, newest first, with who merged it (null: Relais itself). */
export async function findContactMerges(db: Kysely<DB>, accountId: string, contactId: string) {
  return db
    .selectFrom("contact_merges as m")
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "m.account_id").onRef("u.id", "=", "m.merged_by"),
    )
    .leftJoin("contacts as t", (join) =>
      join.onRef("t.account_id", "=", "m.account_id").onRef("t.id", "=", "m.target_id"),
    )
    .selectAll("m")
    .select(["u.name as merged_by_name", "t.id as target_exists"])
    .where("m.account_id", "=", accountId)
    .where("m.target_id", "=", contactId)
    .orderBy("m.merged_at", "desc")
    .limit(100)
    .execute();
}

export type ContactMergeRow = Awaited<ReturnType<typeof findContactMerges>>[number];

/** The audit entries (about one subject when given), newest first, with their author's name. */
export async function findAuditEntries(
  db: Kysely<DB>,
  accountId: string,
  query: { subjectType?: string; subjectId?: string; limit: number },
) {
  let builder = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "a.account_id").onRef("u.id", "=", "a.actor_user_id"),
    )
    .selectAll("a")
    .select("u.name as actor_name")
    .where("a.account_id", "=", accountId);
  if (query.subjectType) builder = builder.where("a.subject_type", "=", query.subjectType);
  if (query.subjectId) builder = builder.where("a.subject_id", "=", query.subjectId);
  return builder.orderBy("a.id", "desc").limit(query.limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof findAuditEntries>>[number];

/** Records an agent's "not the same person" answer for a pair (once). */
export async function dismissPair(
  db: Kysely<DB>,
  props: { accountId: string; pair: [string, string]; userId: string },
): Promise<void> {
  await db
    .insertInto("contact_pair_dismissals")
    .values({
      account_id: props.accountId,
      contact_a: props.pair[0],
      contact_b: props.pair[1],
      dismissed_by: props.userId,
    })
    .onConflict((conflict) =>
      conflict.columns(["account_id", "contact_a", "contact_b"]).doNothing(),
    )
    .execute();
}
