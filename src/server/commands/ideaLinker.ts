import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

/**
 * Links a customer's conversation to an idea, inside the caller's transaction: the customer is
 * one more vote unless they already gave it. Linking the same conversation again changes
 * nothing (false).
 */
export async function linkConversation(
  trx: Kysely<DB>,
  props: { actor: Actor; ideaId: string; conversationId: string },
): Promise<boolean> {
  const { actor, ideaId, conversationId } = props;
  const accountId = actor.accountId;
  const existing = await trx
    .selectFrom("idea_links")
    .select("id")
    .where("account_id", "=", accountId)
    .where("idea_id", "=", ideaId)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (existing) return false;
  await trx
    .insertInto("idea_links")
    .values({
      account_id: accountId,
      idea_id: ideaId,
      conversation_id: conversationId,
      linked_by: actor.userId,
    })
    .execute();
  await recordEvent(trx, {
    accountId,
    name: "idea.updated",
    payload: { ideaId, conversationId, changes: ["links"] },
    actorUserId: actor.userId,
  });
  await recordAudit(trx, {
    accountId,
    actorUserId: actor.userId,
    action: "idea.link",
    subjectType: "idea",
    subjectId: ideaId,
    data: { conversationId },
  });
  return true;
}

/** Links a conversation to an idea in its own transaction (the idea row locked meanwhile). */
export async function ideaLinker(
  db: Kysely<DB>,
  props: { actor: Actor; ideaId: string; conversationId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom("ideas")
      .select("id")
      .where("account_id", "=", props.actor.accountId)
      .where("id", "=", props.ideaId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return linkConversation(trx, props);
  });
}
