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

/** The account offers answers by email when it has an enabled email channel. */
export async function hasEmailChannel(db: Kysely<DB>, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("channels")
    .select("id")
    .where("account_id", "=", accountId)
    .where("kind", "=", "email")
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}
