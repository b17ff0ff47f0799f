import type { Kysely, Selectable } from "kysely";
import type { ApiTokenTable, DB } from "../db/schema.ts";

export type ApiToken = Selectable<ApiTokenTable>;

/** A user's tokens not revoked, newest first. */
export async function listActiveTokens(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<ApiToken[]> {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

/** A token of the account that is not revoked, or undefined. */
export async function findActiveToken(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<ApiToken | undefined> {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}
