import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/** Messages with their author's name and channel, for presenting. */
export function selectMessageRows(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom("messages as m")
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "m.account_id").onRef("u.id", "=", "m.author_user_id"),
    )
    .leftJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "m.account_id").onRef("ct.id", "=", "m.author_contact_id"),
    )
    .leftJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "m.account_id").onRef("ch.id", "=", "m.channel_id"),
    )
    .where("m.account_id", "=", accountId)
    .selectAll("m")
    .select([
      "u.name as user_name",
      "ct.name as contact_name",
      "ch.kind as channel_kind",
      "ch.name as channel_name",
    ]);
}

export type MessageRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectMessageRows>["executeTakeFirst"]>>
>;

export async function findMessageRow(db: Kysely<DB>, accountId: string, id: string) {
  return selectMessageRows(db, accountId).where("m.id", "=", id).executeTakeFirst();
}
