import type { Kysely, Updateable } from "kysely";
import type { Account, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

export async function loadAccount(db: Kysely<DB>, accountId: string): Promise<Account> {
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound("Account");
  return account;
}

/** Whether this installation holds any account yet (setup is only for an empty one). */
/** The account a public page's slug names (what those pages may show of it), or undefined. */
export async function publicAccountBySlug(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "name", "public_name", "locale", "slug"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function anyAccountExists(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom("accounts").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Changes the account's own row and returns it as it is now. */
export async function updateAccount(
  db: Kysely<DB>,
  accountId: string,
  values: Pick<
    Updateable<DB["accounts"]>,
    "name" | "time_zone" | "locale" | "public_name" | "assign_on_reply"
  >,
): Promise<Account> {
  return db
    .updateTable("accounts")
    .set(values)
    .where("id", "=", accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
