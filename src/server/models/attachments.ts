import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * A file of the account that went out with a message still shown, on a channel still enabled:
 * only those are shared by link (disabling a channel stops its links at once).
 */
export async function findSharedAttachment(db: Kysely<DB>, accountId: string, id: string) {
  return db
    .selectFrom("attachments as a")
    .innerJoin("messages as m", (join) =>
      join.onRef("m.account_id", "=", "a.account_id").onRef("m.id", "=", "a.message_id"),
    )
    .innerJoin("channels as c", (join) =>
      join.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.channel_id"),
    )
    .select(["a.filename", "a.content_type", "a.content"])
    .where("a.account_id", "=", accountId)
    .where("a.id", "=", id)
    .where("m.deleted_at", "is", null)
    .where("c.disabled_at", "is", null)
    .executeTakeFirst();
}
