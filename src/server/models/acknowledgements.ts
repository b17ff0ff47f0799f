import { type Kysely, sql } from "kysely";
import type { AcknowledgementBasis } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";

/** Conversations an estimate looks back on (the newest first), at most. */
const HISTORY_LIMIT = 2000;

/** Whether the channel acknowledges a customer's first message (off when never set). */
export async function acknowledgementEnabled(
  db: Kysely<DB>,
  accountId: string,
  channelId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("channel_acknowledgements")
    .select("enabled")
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  return row?.enabled ?? false;
}

export async function setAcknowledgementEnabled(
  db: Kysely<DB>,
  accountId: string,
  channelId: string,
  enabled: boolean,
): Promise<void> {
  await db
    .insertInto("channel_acknowledgements")
    .values({ account_id: accountId, channel_id: channelId, enabled })
    .onConflict((oc) =>
      oc.columns(["account_id", "channel_id"]).doUpdateSet({ enabled, updated_at: new Date() }),
    )
    .execute();
}

/**
 * The first agent reply actually sent on conversation `c` (the definition of replies.ts: written
 * by an agent, sent, not automatic, not a public acknowledgement).
 */
const firstAgentReply = sql<Date | null>`(select min(m.sent_at) from messages m
  where m.account_id = c.account_id and m.conversation_id = c.id and m.direction = 'out'
    and m.author_user_id is not null and m.sent_at is not null
    and coalesce((m.metadata->>'automatic')::boolean, false) = false
    and not (m.metadata ? 'acknowledgesPrivateReply'))`;

/** The channel's conversations created since `since`, each with its first agent reply, if any. */
export async function recentFirstReplies(
  db: Kysely<DB>,
  props: { accountId: string; channelId: string; since: Date; until: Date },
): Promise<Array<{ createdAt: Date; firstReplyAt: Date | null }>> {
  const rows = await db
    .selectFrom("conversations as c")
    .select(["c.created_at", firstAgentReply.as("first_reply_at")])
    .where("c.account_id", "=", props.accountId)
    .where("c.channel_id", "=", props.channelId)
    .where("c.created_at", ">=", props.since)
    .where("c.created_at", "<", props.until)
    .orderBy("c.created_at", "desc")
    .limit(HISTORY_LIMIT)
    .execute();
  return rows.map((row) => ({
    createdAt: new Date(row.created_at),
    firstReplyAt: row.first_reply_at ? new Date(row.first_reply_at) : null,
  }));
}

/** Open conversations of the channel, created before `until`, still awaiting a first reply. */
export async function unansweredCount(
  db: Kysely<DB>,
  props: { accountId: string; channelId: string; until: Date; excludeId?: string },
): Promise<number> {
  let query = db
    .selectFrom("conversations as c")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("c.account_id", "=", props.accountId)
    .where("c.channel_id", "=", props.channelId)
    .where("c.status", "=", "open")
    .where("c.created_at", "<", props.until)
    .where(sql<boolean>`${firstAgentReply} is null`);
  if (props.excludeId) query = query.where("c.id", "!=", props.excludeId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Claims the conversation's acknowledgement: true when this call decided it (the row is new),
 * false when it was already decided (sent or skipped) — once per conversation.
 */
export async function claimAcknowledgement(
  db: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    status: "sent" | "skipped";
    expectedAt?: Date | null;
    reason?: string | null;
    basis?: AcknowledgementBasis;
  },
): Promise<boolean> {
  const row = await db
    .insertInto("conversation_acknowledgements")
    .values({
      account_id: props.accountId,
      conversation_id: props.conversationId,
      status: props.status,
      expected_at: props.expectedAt ?? null,
      reason: props.reason ?? null,
      basis: JSON.stringify(props.basis ?? {}),
    })
    .onConflict((oc) => oc.columns(["account_id", "conversation_id"]).doNothing())
    .returning("conversation_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateAcknowledgement(
  db: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    values: { status?: "sent" | "skipped"; message_id?: string | null; reason?: string | null };
  },
): Promise<void> {
  await db
    .updateTable("conversation_acknowledgements")
    .set(props.values)
    .where("account_id", "=", props.accountId)
    .where("conversation_id", "=", props.conversationId)
    .execute();
}

export async function findAcknowledgement(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
) {
  return db
    .selectFrom("conversation_acknowledgements")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
}
