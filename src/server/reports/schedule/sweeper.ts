import { z } from "zod";
import type { TaskDefinition } from "../../jobs/queue.ts";
import {
  insertDelivery,
  lockDueSchedules,
  updateScheduleRun,
} from "../../models/reportSchedules.ts";
import type { Services } from "../../services.ts";
import { latestOccurrence, nextOccurrence, periodEndingAt } from "./occurrences.ts";

export const SEND_SCHEDULED_REPORT = "send-scheduled-report";
const SWEEP_BATCH = 50;

/**
 * Every minute: each schedule that has come due gets the delivery of the period that just
 * ended (the latest one, when a stopped server missed several) and its sending job, and its
 * next sending is moved on — in one transaction, on rows locked with SKIP LOCKED, so of two
 * workers sweeping at once each schedule is handled by one. The delivery's key (schedule,
 * period) makes a period's report exist once whatever runs again after a restart. Bounded
 * batches on the `report_schedules_due` index. Returns the deliveries created.
 */
export async function reportScheduleSweeper(services: Services, now = new Date()): Promise<number> {
  let created = 0;
  for (;;) {
    const { handled, added } = await services.db.transaction().execute(async (trx) => {
      const due = await lockDueSchedules(trx, now, SWEEP_BATCH);
      let added = 0;
      for (const schedule of due) {
        const cadence = { ...schedule, timeZone: schedule.time_zone };
        const period = periodEndingAt(cadence, latestOccurrence(cadence, now));
        const key = { accountId: schedule.account_id, scheduleId: schedule.id };
        if (await insertDelivery(trx, { ...key, ...period })) {
          added += 1;
          await services.queue.send(trx, SEND_SCHEDULED_REPORT, {
            ...key,
            periodStart: period.start.toISOString(),
          });
        }
        await updateScheduleRun(trx, schedule, { next_run_at: nextOccurrence(cadence, now) });
      }
      return { handled: due.length, added };
    });
    created += added;
    if (handled < SWEEP_BATCH) return created;
  }
}

const ZSweep = z.object({}).passthrough();

export const sweepReportSchedulesTask: TaskDefinition<z.infer<typeof ZSweep>, Services> = {
  name: "sweep-report-schedules",
  schema: ZSweep,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    await reportScheduleSweeper(services);
  },
};
