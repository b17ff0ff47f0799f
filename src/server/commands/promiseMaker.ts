import type { Kysely } from "kysely";
import type { CustomerPromise } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import type { Services } from "../services.ts";

export const PROMISE_DUE = "promise-due";

/**
 * Records a promise in the caller's transaction, with the job that checks it when it comes due
 * (enqueued in the same transaction, so the check exists if and only if the promise does).
 */
export async function promiseMaker(
  services: Pick<Services, "queue">,
  trx: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    messageId: string | null;
    callbackId?: string | null;
    text: string;
    dueAt: Date;
    followUp: boolean;
    userId: string | null;
  },
): Promise<CustomerPromise> {
  const promise = await trx
    .insertInto("promises")
    .values({
      account_id: props.accountId,
      conversation_id: props.conversationId,
      message_id: props.messageId,
      callback_id: props.callbackId ?? null,
      text: props.text,
      due_at: props.dueAt,
      follow_up: props.followUp,
      made_by_user_id: props.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await schedulePromiseCheck(services, trx, promise);
  await recordEvent(trx, {
    accountId: props.accountId,
    name: "promise.created",
    payload: { conversationId: props.conversationId, promiseId: promise.id },
    actorUserId: props.userId,
  });
  return promise;
}

/** The job that breaks the promise if it is still open when it comes due. */
export async function schedulePromiseCheck(
  services: Pick<Services, "queue">,
  trx: Kysely<DB>,
  promise: Pick<CustomerPromise, "account_id" | "id" | "due_at">,
): Promise<void> {
  await services.queue.send(
    trx,
    PROMISE_DUE,
    { accountId: promise.account_id, promiseId: promise.id },
    { startAfter: new Date(promise.due_at) },
  );
}
