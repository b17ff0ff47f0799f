import { type Kysely, sql } from "kysely";
import type { DB, Rule } from "../db/schema.ts";

/** The account's rules in the order they run. */
export async function listRules(db: Kysely<DB>, accountId: string): Promise<Rule[]> {
  return db
    .selectFrom("rules")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The position after the account's last rule: a new rule runs last. */
export async function nextRulePosition(db: Kysely<DB>, accountId: string): Promise<number> {
  const last = await db
    .selectFrom("rules")
    .select(sql<number | null>`max(position)`.as("position"))
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return (last?.position ?? -1) + 1;
}

/** A rule of the account whose actions send this canned reply, if any. */
export async function findRuleSendingReply(
  db: Kysely<DB>,
  accountId: string,
  cannedReplyId: string,
): Promise<{ name: string } | undefined> {
  return db
    .selectFrom("rules")
    .select("name")
    .where("account_id", "=", accountId)
    .where(sql<boolean>`actions @> ${JSON.stringify([{ type: "reply", cannedReplyId }])}::jsonb`)
    .executeTakeFirst();
}
