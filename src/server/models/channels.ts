import type { Kysely } from "kysely";
import { STORE_CHANNEL_KINDS } from "../../shared/backoffice.ts";
import type { Channel, DB } from "../db/schema.ts";

/**
 * The account's channels customers write on, oldest first. Store channels (shop, Shopify) carry
 * records, not conversations: they are added and listed by the CLI, and the channel settings
 * (whose forms cover the messaging kinds) do not show them.
 */
export async function listChannels(db: Kysely<DB>, accountId: string): Promise<Channel[]> {
  return db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("kind", "not in", [...STORE_CHANNEL_KINDS])
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
