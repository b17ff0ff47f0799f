import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { ConversationStatus } from "../../shared/enums.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

/** The conversation with what a list row shows: customer, channel, people, last message, unread. */
export function selectConversationRows(db: Kysely<DB>, accountId: string, userId: string) {
  return db
    .selectFrom("conversations as c")
    .innerJoin("contacts as ct", (join) =>
      join.onRef("ct.account_id", "=", "c.account_id").onRef("ct.id", "=", "c.contact_id"),
    )
    .leftJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .leftJoin("users as a", (join) =>
      join.onRef("a.account_id", "=", "c.account_id").onRef("a.id", "=", "c.assignee_id"),
    )
    .leftJoin("teams as t", (join) =>
      join.onRef("t.account_id", "=", "c.account_id").onRef("t.id", "=", "c.team_id"),
    )
    .leftJoin("conversation_reads as r", (join) =>
      join
        .onRef("r.account_id", "=", "c.account_id")
        .onRef("r.conversation_id", "=", "c.id")
        .on("r.user_id", "=", userId),
    )
    .where("c.account_id", "=", accountId)
    .selectAll("c")
    .select([
      "ct.name as contact_name",
      "ct.email as contact_email",
      "ct.phone as contact_phone",
      "ct.avatar_url as contact_avatar_url",
      "ch.kind as channel_kind",
      "ch.name as channel_name",
      "a.name as assignee_name",
      "t.name as team_name",
      // Unread: the customer wrote since this agent last read it, and nobody has replied since
      // (a thread where we wrote last waits for nothing from us).
      sql<boolean>`(c.last_inbound_at is not null
        and (r.read_at is null or r.read_at < c.last_inbound_at)
        and not exists (
          select 1 from messages o
          where o.account_id = c.account_id and o.conversation_id = c.id
            and o.direction = 'out' and o.deleted_at is null and o.created_at > c.last_inbound_at))`.as(
        "unread",
      ),
      (eb) =>
        eb
          .selectFrom("messages as m")
          .whereRef("m.account_id", "=", "c.account_id")
          .whereRef("m.conversation_id", "=", "c.id")
          .where("m.direction", "!=", "note")
          .where("m.deleted_at", "is", null)
          .orderBy("m.created_at", "desc")
          .limit(1)
          .select(
            sql<{
              text: string;
              direction: string;
              created_at: string;
            } | null>`json_build_object('text', m.text, 'direction', m.direction, 'created_at', m.created_at)`.as(
              "last",
            ),
          )
          .as("last_message"),
    ]);
}

export type ConversationRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectConversationRows>["executeTakeFirst"]>>
>;

export async function findConversationRow(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  return selectConversationRows(db, accountId, userId).where("c.id", "=", id).executeTakeFirst();
}

/** The conversation as a list row, or a 404. */
export async function loadConversationRow(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  id: string,
): Promise<ConversationRow> {
  const row = await findConversationRow(db, accountId, userId, id);
  if (!row) throw notFound("Conversation");
  return row;
}

/** The user has read the conversation up to now (its unread mark goes). */
export async function markConversationRead(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  userId: string,
): Promise<void> {
  await db
    .insertInto("conversation_reads")
    .values({
      account_id: accountId,
      conversation_id: conversationId,
      user_id: userId,
      read_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(["account_id", "conversation_id", "user_id"]).doUpdateSet({ read_at: new Date() }),
    )
    .execute();
}

export async function findConversation(db: Kysely<DB>, accountId: string, id: string) {
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Locks the conversation for the rest of the transaction. */
export async function lockConversation(trx: Kysely<DB>, accountId: string, id: string) {
  return trx
    .selectFrom("conversations")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Hands out the account's next conversation number (the account row lock orders them). */
export async function nextConversationNumber(trx: Kysely<DB>, accountId: string): Promise<number> {
  const row = await trx
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", 1) }))
    .where("id", "=", accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  return row.conversation_seq;
}

/** Conversations per status of a filtered query on `conversations as c`. */
export async function countByStatus(
  // biome-ignore lint/suspicious/noExplicitAny: any selection; it is replaced by the counts
  query: SelectQueryBuilder<DB & { c: DB["conversations"] }, "c", any>,
): Promise<Record<ConversationStatus, number>> {
  const rows = await query
    .clearSelect()
    .clearOrderBy()
    .select(["c.status", sql<number>`count(*)::int`.as("count")])
    .groupBy("c.status")
    .execute();
  const counts = { open: 0, pending: 0, snoozed: 0, resolved: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** The earlier conversation this one repeats (same customer, same problem), or null. */
export async function findRepeatOf(
  db: Kysely<DB>,
  accountId: string,
  conversation: Pick<Conversation, "repeat_of_id" | "repeat_reason">,
) {
  if (!conversation.repeat_of_id) return null;
  const earlier = await db
    .selectFrom("conversations as c")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .select((eb) => [
      "c.id",
      "c.number",
      "c.status",
      "ch.kind as channelKind",
      "c.subject",
      eb
        .selectFrom("messages as m")
        .select("m.text")
        .whereRef("m.account_id", "=", "c.account_id")
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.direction", "=", "in")
        .orderBy("m.created_at")
        .orderBy("m.id")
        .limit(1)
        .as("opening"),
    ])
    .where("c.account_id", "=", accountId)
    .where("c.id", "=", conversation.repeat_of_id)
    .executeTakeFirst();
  if (!earlier || !conversation.repeat_reason) return null;
  const { subject, opening, ...link } = earlier;
  return {
    ...link,
    reason: conversation.repeat_reason,
    summary: repeatSummary(subject, opening),
  };
}

const SUMMARY_CHARS = 200;

/** What the earlier conversation was about: its subject, else the customer's first message. */
function repeatSummary(subject: string | null, opening: string | null): string | null {
  const text = (subject?.trim() || opening?.trim() || "").replace(/\s+/g, " ");
  if (!text) return null;
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}
