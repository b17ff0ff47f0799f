import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";

/**
 * The notifications Relais sends agents about their own work, each in the caller's transaction
 * as a `notification.created` naming one agent, with the structured data the reader's app words
 * it from (never a sentence). Repeats within a short window are dropped by the outbox.
 */

/** A conversation given to an agent by someone else (a teammate, routing or a rule). */
export async function assignedNotice(
  trx: Kysely<DB>,
  props: {
    accountId: string;
    conversation: { id: string; number: number };
    assigneeId: string;
    byUserId: string | null;
  },
): Promise<void> {
  if (props.byUserId === props.assigneeId) return;
  const by = props.byUserId
    ? await trx
        .selectFrom("users")
        .select("name")
        .where("account_id", "=", props.accountId)
        .where("id", "=", props.byUserId)
        .executeTakeFirst()
    : undefined;
  await recordEvent(trx, {
    accountId: props.accountId,
    name: "notification.created",
    payload: {
      notificationKind: "assigned",
      conversationId: props.conversation.id,
      userIds: [props.assigneeId],
      params: { number: props.conversation.number, ...(by ? { byName: by.name } : {}) },
    },
    actorUserId: props.byUserId,
  });
}

/** An agent's reply that could not be sent after its last attempt. */
export async function replyFailedNotice(
  trx: Kysely<DB>,
  message: {
    account_id: string;
    id: string;
    conversation_id: string;
    author_user_id: string | null;
  },
): Promise<void> {
  if (!message.author_user_id) return;
  const conversation = await trx
    .selectFrom("conversations")
    .select("number")
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.conversation_id)
    .executeTakeFirst();
  if (!conversation) return;
  await recordEvent(trx, {
    accountId: message.account_id,
    name: "notification.created",
    payload: {
      notificationKind: "reply_failed",
      conversationId: message.conversation_id,
      messageId: message.id,
      userIds: [message.author_user_id],
      params: { number: conversation.number },
    },
  });
}

/**
 * A customer who writes again in a conversation assigned to an agent (not its first message,
 * which opened it): its assignee is told.
 */
export async function customerRepliedNotice(
  db: Kysely<DB>,
  props: { accountId: string; messageId: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom("messages as m")
      .innerJoin("conversations as c", (join) =>
        join.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.conversation_id"),
      )
      .leftJoin("contacts as ct", (join) =>
        join.onRef("ct.account_id", "=", "m.account_id").onRef("ct.id", "=", "m.author_contact_id"),
      )
      .select([
        "m.id",
        "m.direction",
        "m.created_at",
        "c.id as conversation_id",
        "c.number",
        "c.assignee_id",
        "ct.name as contact_name",
      ])
      .where("m.account_id", "=", props.accountId)
      .where("m.id", "=", props.messageId)
      .executeTakeFirst();
    if (!message || message.direction !== "in" || !message.assignee_id) return;
    const earlier = await trx
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", props.accountId)
      .where("conversation_id", "=", message.conversation_id)
      .where("direction", "=", "in")
      .where("created_at", "<", message.created_at)
      .limit(1)
      .executeTakeFirst();
    if (!earlier) return;
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "notification.created",
      payload: {
        notificationKind: "customer_replied",
        conversationId: message.conversation_id,
        userIds: [message.assignee_id],
        params: {
          number: message.number,
          ...(message.contact_name ? { contactName: message.contact_name } : {}),
        },
      },
    });
  });
}
