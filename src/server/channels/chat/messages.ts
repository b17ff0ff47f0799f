import { type Kysely, sql } from "kysely";
import type { AttachmentLinker } from "../../attachments/links.ts";
import type { ChatSession, DB } from "../../db/schema.ts";
import { decodeCursor, encodeCursor, ZTimeCursor } from "../../routes/cursor.ts";
import { surveyButtons } from "./survey.ts";

/** A message as the visitor sees it: theirs and the agents' answers, never internal notes. */
export interface WidgetMessage {
  id: string;
  /** The id the widget gave its own message (for matching its pending copy). */
  clientId: string | null;
  conversationId: string;
  direction: "in" | "out";
  text: string;
  author: { type: "visitor" | "agent"; name: string | null };
  status: string | null;
  /** Files an agent sent, each by a signed link that only this visitor's widget is given. */
  attachments: WidgetAttachment[];
  createdAt: string;
}

export interface WidgetAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** A path on the Relais server (the widget prepends its origin); expires. */
  url: string;
}

function selectWidgetMessages(db: Kysely<DB>, session: ChatSession) {
  return db
    .selectFrom("messages as m")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.conversation_id"),
    )
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "m.account_id").onRef("u.id", "=", "m.author_user_id"),
    )
    .where("m.account_id", "=", session.account_id)
    .where("c.contact_id", "=", session.contact_id)
    .where("c.channel_id", "=", session.channel_id)
    .where("m.visibility", "=", "private")
    .where("m.deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("m.direction", "=", "in"),
        eb.and([
          eb("m.direction", "=", "out"),
          eb("m.delivery_status", "in", ["sent", "delivered", "read"]),
        ]),
      ]),
    )
    .select([
      "m.id",
      "m.conversation_id",
      "m.direction",
      "m.text",
      "m.attachments",
      "m.external_id",
      "m.delivery_status",
      "m.metadata",
      "m.created_at",
      "m.channel_id",
      "u.name as user_name",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectWidgetMessages>["execute"]>>[number];

function present(session: ChatSession, row: Row, links: AttachmentLinker): WidgetMessage {
  const prefix = `${session.visitor_id}:`;
  const external = row.external_id ?? "";
  return {
    id: row.id,
    clientId:
      row.direction === "in" && external.startsWith(prefix) ? external.slice(prefix.length) : null,
    conversationId: row.conversation_id,
    direction: row.direction === "in" ? "in" : "out",
    text: row.text,
    author:
      row.direction === "in"
        ? { type: "visitor", name: null }
        : { type: "agent", name: row.user_name?.split(" ")[0] ?? null },
    status: row.delivery_status,
    attachments: row.attachments
      .filter((file) => !file.url)
      .map((file) => ({
        id: file.id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        url: links(session.account_id, file.id).path,
      })),
    ...surveyButtons(row),
    createdAt: row.created_at.toISOString(),
  };
}

/** The visitor's history across page loads: the last `limit` messages, or those after a cursor. */
export async function widgetHistory(
  db: Kysely<DB>,
  session: ChatSession,
  props: { after?: string; limit?: number },
  links: AttachmentLinker,
): Promise<{ messages: WidgetMessage[]; cursor: string | null }> {
  const limit = props.limit ?? 200;
  let query = selectWidgetMessages(db, session);
  if (props.after) {
    const [createdAt, id] = decodeCursor(props.after, ZTimeCursor);
    query = query.where((eb) =>
      eb.or([
        eb("m.created_at", ">", new Date(createdAt)),
        eb.and([eb("m.created_at", "=", new Date(createdAt)), eb("m.id", ">", id)]),
      ]),
    );
  }
  const rows = props.after
    ? await query.orderBy("m.created_at", "asc").orderBy("m.id", "asc").limit(limit).execute()
    : (
        await query.orderBy("m.created_at", "desc").orderBy("m.id", "desc").limit(limit).execute()
      ).reverse();
  const last = rows.at(-1);
  return {
    messages: rows.map((row) => present(session, row, links)),
    cursor: last ? encodeCursor([last.created_at.toISOString(), last.id]) : (props.after ?? null),
  };
}

/** One message, if the visitor may see it. */
export async function widgetMessage(
  db: Kysely<DB>,
  session: ChatSession,
  messageId: string,
  links: AttachmentLinker,
) {
  const row = await selectWidgetMessages(db, session)
    .where("m.id", "=", messageId)
    .executeTakeFirst();
  return row ? present(session, row, links) : null;
}

/** The visitor's current conversation on this channel: the latest one not resolved. */
export async function currentConversationId(db: Kysely<DB>, session: ChatSession) {
  if (!session.contact_id) return null;
  const row = await db
    .selectFrom("conversations")
    .select("id")
    .where("account_id", "=", session.account_id)
    .where("contact_id", "=", session.contact_id)
    .where("channel_id", "=", session.channel_id)
    .orderBy(sql`status = 'resolved'`, "asc")
    .orderBy("last_message_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
