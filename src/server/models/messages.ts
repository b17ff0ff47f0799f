import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { decodeCursor, encodeCursor, ZTimeCursor } from "../routes/cursor.ts";

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

/** A page of the conversation's messages and notes, oldest first, after the cursor's. */
export async function listMessages(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  page: { limit: number; cursor?: string },
): Promise<{ rows: MessageRow[]; nextCursor?: string }> {
  let query = selectMessageRows(db, accountId)
    .where("m.conversation_id", "=", conversationId)
    .orderBy("m.created_at", "asc")
    .orderBy("m.id", "asc")
    .limit(page.limit + 1);
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor, ZTimeCursor);
    query = query.where((eb) =>
      eb.or([
        eb("m.created_at", ">", new Date(createdAt)),
        eb.and([eb("m.created_at", "=", new Date(createdAt)), eb("m.id", ">", id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const visible = rows.slice(0, page.limit);
  const last = visible.at(-1);
  return {
    rows: visible,
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor([last.created_at.toISOString(), last.id])
        : undefined,
  };
}

/** The channel's message with this provider id (the widget's `<visitor>:<clientId>`), if stored. */
export async function findMessageByExternalId(
  db: Kysely<DB>,
  accountId: string,
  channelId: string,
  externalId: string,
) {
  return db
    .selectFrom("messages")
    .select(["id", "conversation_id"])
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}
