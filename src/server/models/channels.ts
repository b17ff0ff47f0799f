import type { Kysely } from "kysely";
import type { Channel, DB } from "../db/schema.ts";

/** The account's channels, oldest first. */
export async function listChannels(db: Kysely<DB>, accountId: string): Promise<Channel[]> {
  return db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
}
