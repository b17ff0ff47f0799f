import type { Actor } from "../auth/actor.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import type { Services } from "../services.ts";
import { deliveryScheduler } from "./deliveryScheduler.ts";

/**
 * An agent asks for a failed message to be sent again: a fresh series of attempts. The caller
 * has authorized the actor to reply in the conversation.
 */
export async function deliveryRetrier(
  services: Services,
  props: { actor: Actor; conversationId: string; messageId: string },
): Promise<void> {
  const { actor } = props;
  await services.db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom("messages")
      .selectAll()
      .where("account_id", "=", actor.accountId)
      .where("conversation_id", "=", props.conversationId)
      .where("id", "=", props.messageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) throw notFound("Message");
    if (message.delivery_status !== "failed") {
      throw unprocessable("not_failed", "Only a message whose delivery failed can be retried.");
    }
    await trx
      .updateTable("messages")
      .set({ delivery_attempts: 0, delivery_error: null })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", message.id)
      .execute();
    await deliveryScheduler(services, trx, message);
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "message.updated",
      payload: {
        conversationId: message.conversation_id,
        messageId: message.id,
        changes: ["delivery"],
      },
      actorUserId: actor.userId,
    });
  });
}
