import { noticeActor } from "../callbacks/customerNotice.ts";
import { isAppError } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { joined } from "../rules/actions.ts";
import type { Services } from "../services.ts";
import { customerLocaleOf } from "../sla/customerLocale.ts";
import { promiseSentence } from "../sla/nextStep.ts";
import { replySender } from "./replySender.ts";

/**
 * Breaks a promise that came due unkept, exactly once: in one transaction the promise becomes
 * `broken` (only from `open`, and only once due), the conversation reopens, the assignee (or the
 * team) is notified, and, unless the agent said not to, the customer's honest status message is
 * queued on the conversation's channel (the outbox delivers it). Run again, it finds nothing to
 * do; run by two workers at once, the row lock lets one of them through.
 */
export async function promiseBreaker(
  services: Services,
  props: { accountId: string; promiseId: string; now?: Date },
): Promise<boolean> {
  const now = props.now ?? new Date();
  return services.db.transaction().execute(async (trx) => {
    const promise = await trx
      .updateTable("promises")
      .set({ status: "broken", broken_at: now, updated_at: now })
      .where("account_id", "=", props.accountId)
      .where("id", "=", props.promiseId)
      .where("status", "=", "open")
      .where("due_at", "<=", now)
      .returningAll()
      .executeTakeFirst();
    if (!promise) return false;
    const conversation = await trx
      .updateTable("conversations")
      .set((eb) => ({
        status: "open",
        snoozed_until: null,
        updated_at: now,
        waiting_since: eb.fn.coalesce("waiting_since", eb.val(now)),
      }))
      .where("account_id", "=", props.accountId)
      .where("id", "=", promise.conversation_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "promise.updated",
      payload: { conversationId: conversation.id, promiseId: promise.id, changes: ["broken"] },
    });
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["status", "promise"] },
    });
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "notification.created",
      payload: {
        conversationId: conversation.id,
        promiseId: promise.id,
        ...(conversation.assignee_id
          ? { userId: conversation.assignee_id }
          : conversation.team_id
            ? { teamId: conversation.team_id }
            : {}),
        changes: ["promise.broken"],
      },
    });
    if (!promise.follow_up || !conversation.channel_id) return true;
    // Sent as the assignee, else the promise's author, else an admin; marked automatic.
    // Inside the transaction: PGlite has one connection, which the transaction holds.
    const actor = await noticeActor(joined(services, trx), props.accountId, [
      conversation.assignee_id,
      promise.made_by_user_id,
    ]);
    if (!actor) return true;
    const locale = await customerLocaleOf(trx, conversation);
    try {
      const message = await replySender(joined(services, trx), {
        actor,
        conversationId: conversation.id,
        kind: "reply",
        automatic: true,
        metadata: { promiseFollowUp: promise.id },
        text: promiseSentence("promise.followUp", {
          text: promise.text,
          dueAt: new Date(promise.due_at),
          ...locale,
        }),
      });
      await trx
        .updateTable("promises")
        .set({ follow_up_message_id: message.id })
        .where("account_id", "=", props.accountId)
        .where("id", "=", promise.id)
        .execute();
    } catch (error) {
      // The channel refuses replies now (closed window, removed): the agents still know.
      if (!isAppError(error)) throw error;
      services.log.warn({ err: error, promiseId: promise.id }, "promise follow-up not sent");
    }
    return true;
  });
}
