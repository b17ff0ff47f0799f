import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";
import { lockConversation } from "../models/conversations.ts";
import { setContactBlocked } from "./contactBlocker.ts";

export interface SpamMarkerProps {
  actor: Actor;
  conversationId: string;
  /** True marks it as spam; false takes the mark off (it stays resolved). */
  spam: boolean;
  /** Also block the customer who wrote it. */
  blockSender?: boolean;
}

/**
 * Marks a conversation as spam: closed at once (resolved, no longer waiting or snoozed), left
 * out of the lists by default and of every report, its later messages stored without reopening
 * it; and, when asked, its sender blocked. No survey is asked: the event names the `spam`
 * change, not a status change. One transaction with its events and audit entries. The caller
 * has authorized the actor (and, to block, to block contacts).
 */
export async function conversationSpamMarker(
  db: Kysely<DB>,
  props: SpamMarkerProps,
): Promise<Conversation> {
  const { actor, spam } = props;
  return db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, actor.accountId, props.conversationId);
    if (!conversation) throw notFound("Conversation");
    const now = new Date();
    const updated = await trx
      .updateTable("conversations")
      .set(
        spam
          ? {
              spam_at: conversation.spam_at ?? now,
              status: "resolved",
              resolved_at: conversation.resolved_at ?? now,
              waiting_since: null,
              snoozed_until: null,
              updated_at: now,
            }
          : { spam_at: null, updated_at: now },
      )
      .where("account_id", "=", actor.accountId)
      .where("id", "=", conversation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["spam"] },
      actorUserId: actor.userId,
    });
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: spam ? "conversation.spam" : "conversation.not_spam",
      subjectType: "conversation",
      subjectId: conversation.id,
      data: { blockSender: props.blockSender === true },
    });
    if (spam && props.blockSender) {
      await setContactBlocked(trx, actor.accountId, conversation.contact_id, true);
      await recordEvent(trx, {
        accountId: actor.accountId,
        name: "contact.updated",
        payload: { contactId: conversation.contact_id, changes: ["blocked"] },
        actorUserId: actor.userId,
      });
      await recordAudit(trx, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        action: "contact.block",
        subjectType: "contact",
        subjectId: conversation.contact_id,
        data: { conversationId: conversation.id },
      });
    }
    return updated;
  });
}
