import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { Services } from "../services.ts";

export const DELIVER_MESSAGE = "deliver-message";

/**
 * Schedules (or reschedules) the delivery of an outbound message inside the caller's
 * transaction. The job's id is written on the message: only the job named there may send it,
 * which fences off any stale copy of an earlier attempt.
 */
export async function deliveryScheduler(
  services: Pick<Services, "queue">,
  trx: Kysely<DB>,
  message: { account_id: string; id: string },
  startAfter?: Date,
): Promise<string> {
  const jobId = randomUUID();
  await trx
    .updateTable("messages")
    .set({
      delivery_job_id: jobId,
      delivery_status: "queued",
      send_started_at: null,
      // Shown to agents while a failed attempt waits for the next: "next try in 2 min".
      delivery_next_attempt_at: startAfter ?? null,
    })
    .where("account_id", "=", message.account_id)
    .where("id", "=", message.id)
    .execute();
  await services.queue.send(
    trx,
    DELIVER_MESSAGE,
    { accountId: message.account_id, messageId: message.id },
    { id: jobId, startAfter },
  );
  return jobId;
}

/** Exponential backoff with ±20 % jitter, bounded by the configured maximum. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = exponential * 0.2 * (Math.random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(maxMs, exponential + jitter)));
}
