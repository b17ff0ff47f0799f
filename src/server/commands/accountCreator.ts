import type { Kysely } from "kysely";
import type { Locale } from "../../shared/enums.ts";
import type { Account, DB } from "../db/schema.ts";
import { conflict } from "../errors.ts";

export interface AccountCreatorProps {
  slug: string;
  name: string;
  timeZone?: string;
  locale?: Locale;
}

/** Creates an account; a taken slug is a conflict, not an error. */
export async function accountCreator(db: Kysely<DB>, props: AccountCreatorProps): Promise<Account> {
  const existing = await findAccountBySlug(db, props.slug);
  if (existing) throw conflict("account_exists", `The account "${props.slug}" already exists.`);
  return db
    .insertInto("accounts")
    .values({
      slug: props.slug,
      name: props.name,
      time_zone: props.timeZone ?? "Europe/Paris",
      locale: props.locale ?? "fr",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAccountBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom("accounts").selectAll().where("slug", "=", slug).executeTakeFirst();
}
