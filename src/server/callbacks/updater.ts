import type { Actor } from "../auth/actor.ts";
import type { Callback } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import type { Services } from "../services.ts";
import { businessHoursFor } from "./businessHours.ts";
import { callbackNotice } from "./customerNotice.ts";
import { checkSlot, lockCallback } from "./model.ts";
import { accountLanguage, addNote, noteText } from "./notes.ts";
import { bothTimes, lockTeamBookings, requireUser } from "./requester.ts";

export interface CallbackChanges {
  scheduledAt?: Date;
  customerTimeZone?: string;
  status?: "cancelled";
  assigneeId?: string | null;
  /** Tell the customer of a new time or a cancellation (default: yes). */
  notifyCustomer?: boolean;
}

/**
 * Reschedules, cancels or reassigns a callback; the timeline and the customer are told. The
 * caller has authorized the actor to update the callback's conversation.
 */
export async function callbackUpdater(
  services: Services,
  props: { actor: Actor; callbackId: string; changes: CallbackChanges },
): Promise<Callback> {
  const { actor, changes } = props;
  const outcome = await services.db.transaction().execute(async (trx) => {
    const callback = await lockCallback(trx, actor.accountId, props.callbackId);
    if (!callback) throw notFound("Callback");
    if (changes.assigneeId) await requireUser(trx, actor.accountId, changes.assigneeId);
    const closed = callback.status === "completed" || callback.status === "cancelled";
    if (closed && (changes.scheduledAt || changes.status)) {
      throw unprocessable("callback_closed", `This callback is already ${callback.status}.`);
    }
    if (callback.status === "calling" && (changes.scheduledAt || changes.status)) {
      throw unprocessable("callback_calling", "A call is under way for this callback.");
    }

    const language = await accountLanguage(trx, actor.accountId);
    const hours = await businessHoursFor(trx, actor.accountId, callback.team_id);
    let notice: "confirmed" | "cancelled" | null = null;
    const update: Partial<Callback> = { updated_at: new Date() };
    if (changes.assigneeId !== undefined) update.assignee_id = changes.assigneeId;
    if (changes.status === "cancelled") {
      update.status = "cancelled";
      notice = "cancelled";
    } else if (changes.scheduledAt) {
      await lockTeamBookings(trx, actor.accountId, hours);
      await checkSlot(trx, actor.accountId, hours, changes.scheduledAt, callback.id);
      update.scheduled_at = changes.scheduledAt;
      update.customer_time_zone = changes.customerTimeZone ?? callback.customer_time_zone;
      update.status = "scheduled";
      update.reminded_at = null;
      notice = "confirmed";
    }
    const updated = await trx
      .updateTable("callbacks")
      .set(update)
      .where("account_id", "=", actor.accountId)
      .where("id", "=", callback.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    if (notice) {
      await addNote(trx, {
        accountId: actor.accountId,
        conversationId: callback.conversation_id,
        authorUserId: actor.userId,
        text:
          notice === "cancelled"
            ? noteText("callback.cancelled", language)
            : noteText(
                "callback.rescheduled",
                language,
                bothTimes(updated, hours.timeZone, language),
              ),
        metadata: {
          callback: {
            id: updated.id,
            status: updated.status,
            scheduledAt: updated.scheduled_at.toISOString(),
          },
        },
      });
    }
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "conversation.updated",
      payload: { conversationId: callback.conversation_id, changes: ["callback"] },
      actorUserId: actor.userId,
    });
    return { updated, notice };
  });
  if (outcome.notice && changes.notifyCustomer !== false) {
    await callbackNotice(services, {
      accountId: actor.accountId,
      callbackId: outcome.updated.id,
      kind: outcome.notice,
      actorUserId: actor.userId,
    });
  }
  return outcome.updated;
}
