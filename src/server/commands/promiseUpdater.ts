import type { Actor } from "../auth/actor.ts";
import type { CustomerPromise } from "../db/schema/slaPromises.ts";
import { unprocessable } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { joined } from "../rules/actions.ts";
import type { Services } from "../services.ts";
import { customerLocaleOf } from "../sla/customerLocale.ts";
import { promiseSentence } from "../sla/nextStep.ts";
import { schedulePromiseCheck } from "./promiseMaker.ts";
import { replySender } from "./replySender.ts";

export type PromiseChange =
  | { kind: "keep" }
  | { kind: "reschedule"; dueAt: Date; tellCustomer: boolean };

/**
 * Keeps a promise (done: `keptAt` recorded, on time or late, even after it was broken), or gives
 * it a new due time (open again, with its own due check), telling the customer the new time with
 * an apology in their language when asked. The caller has authorized the actor.
 */
export async function promiseUpdater(
  services: Services,
  props: { actor: Actor; promise: CustomerPromise; change: PromiseChange },
): Promise<CustomerPromise> {
  const { actor, promise, change } = props;
  if (promise.status === "kept") {
    throw unprocessable("promise_kept", "This promise has already been kept.");
  }
  const now = new Date();
  return services.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("promises")
      .set(
        change.kind === "keep"
          ? { status: "kept", kept_at: now, updated_at: now }
          : {
              status: "open",
              due_at: change.dueAt,
              broken_at: null,
              reschedules: promise.reschedules + 1,
              updated_at: now,
            },
      )
      .where("account_id", "=", actor.accountId)
      .where("id", "=", promise.id)
      .where("status", "!=", "kept")
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw unprocessable("promise_kept", "This promise has already been kept.");
    if (change.kind === "reschedule") {
      await schedulePromiseCheck(services, trx, updated);
      if (change.tellCustomer) {
        const conversation = await trx
          .selectFrom("conversations")
          .select(["account_id", "contact_id", "language"])
          .where("account_id", "=", actor.accountId)
          .where("id", "=", promise.conversation_id)
          .executeTakeFirstOrThrow();
        await replySender(joined(services, trx), {
          actor,
          conversationId: promise.conversation_id,
          kind: "reply",
          metadata: { promiseRescheduled: promise.id },
          text: promiseSentence("promise.rescheduled", {
            text: promise.text,
            dueAt: change.dueAt,
            ...(await customerLocaleOf(trx, conversation)),
          }),
        });
      }
    }
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "promise.updated",
      payload: {
        conversationId: promise.conversation_id,
        promiseId: promise.id,
        changes: [change.kind === "keep" ? "kept" : "rescheduled"],
      },
      actorUserId: actor.userId,
    });
    return updated;
  });
}
