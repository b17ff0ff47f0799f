import { z } from "zod";
import { promiseBreaker } from "../../commands/promiseBreaker.ts";
import { PROMISE_DUE } from "../../commands/promiseMaker.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZPromiseDue = z.object({ accountId: z.uuid(), promiseId: z.uuid() });

/**
 * Runs when a promise comes due (the job starts after its due time, so within the queue's
 * polling interval, not at the next minute): breaks it if it is still open. A rescheduled
 * promise has a later job of its own; this one then finds it not yet due and does nothing.
 */
export const promiseDueTask: TaskDefinition<z.infer<typeof ZPromiseDue>, Services> = {
  name: PROMISE_DUE,
  schema: ZPromiseDue,
  retryLimit: 5,
  retryDelaySeconds: 5,
  async run(services, payload) {
    if (await promiseBreaker(services, payload)) {
      services.log.info({ promiseId: payload.promiseId }, "promise came due unkept");
    }
  },
};

const ZSweepPromises = z.object({}).passthrough();
const SWEEP_BATCH = 200;

/**
 * Every minute, and so at start: any open promise past due whose job was lost (a database
 * restored from a backup) is broken, in bounded batches on the `promises_due` index.
 */
export const sweepPromisesTask: TaskDefinition<z.infer<typeof ZSweepPromises>, Services> = {
  name: "sweep-promises",
  schema: ZSweepPromises,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    const now = new Date();
    const due = await services.db
      .selectFrom("promises")
      .select(["account_id", "id"])
      .where("status", "=", "open")
      .where("due_at", "<=", now)
      .orderBy("due_at")
      .limit(SWEEP_BATCH)
      .execute();
    for (const row of due) {
      await promiseBreaker(services, { accountId: row.account_id, promiseId: row.id, now });
    }
  },
};
