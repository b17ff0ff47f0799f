import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { type Env, publicUrl } from "../env.ts";
import { loadAccount } from "../models/accounts.ts";

/** The account's public help centre: `https://relais.example/help/<account-slug>`. */
export async function helpBase(db: Kysely<DB>, env: Env, accountId: string): Promise<string> {
  const account = await loadAccount(db, accountId);
  return `${publicUrl(env)}/help/${account.slug}`;
}
