import type { Kysely } from "kysely";
import type { Locale } from "../../shared/enums.ts";
import type { Account, DB, User } from "../db/schema.ts";
import { conflict } from "../errors.ts";
import { anyAccountExists } from "../models/accounts.ts";
import { accountCreator } from "./accountCreator.ts";
import { userCreator } from "./userCreator.ts";

export interface FirstAccountCreatorProps {
  accountName: string;
  slug: string;
  /** The first admin. */
  name: string;
  email: string;
  password: string;
  locale: Locale;
  timeZone: string;
}

/** Creates the installation's first account and its admin; 409 once any account exists. */
export async function firstAccountCreator(
  db: Kysely<DB>,
  props: FirstAccountCreatorProps,
): Promise<{ account: Account; user: User }> {
  if (await anyAccountExists(db)) {
    throw conflict("already_set_up", "Relais is already set up; sign in instead.");
  }
  const account = await accountCreator(db, {
    slug: props.slug,
    name: props.accountName,
    locale: props.locale,
    timeZone: props.timeZone,
  });
  const user = await userCreator(db, {
    accountId: account.id,
    email: props.email,
    name: props.name,
    role: "admin",
    password: props.password,
    locale: props.locale,
    timeZone: props.timeZone,
  });
  return { account, user };
}
