import type { Kysely } from "kysely";
import type { Conversation, DB } from "../db/schema.ts";
import { customerLanguage } from "../i18n/customer.ts";
import type { Language } from "./nextStep.ts";

/** The customer's language (the contact's, else the conversation's, else the account's) and zone. */
export async function customerLocaleOf(
  db: Kysely<DB>,
  conversation: Pick<Conversation, "account_id" | "contact_id" | "language">,
): Promise<{ language: Language; timeZone: string }> {
  const row = await db
    .selectFrom("accounts as a")
    .leftJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "a.id").on("ct.id", "=", conversation.contact_id),
    )
    .select([
      "a.locale as account_locale",
      "a.time_zone as account_zone",
      "ct.locale as contact_locale",
      "ct.time_zone as contact_zone",
    ])
    .where("a.id", "=", conversation.account_id)
    .executeTakeFirstOrThrow();
  return {
    language: customerLanguage(row.contact_locale, conversation.language, row.account_locale),
    timeZone: row.contact_zone ?? row.account_zone,
  };
}
