import type { Kysely } from "kysely";
import type { TReportScheduleCreateRequest } from "../../shared/reportSchedules.ts";
import type { Actor } from "../auth/actor.ts";
import type { ReportSchedule } from "../db/schema/reportSchedules.ts";
import type { DB } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { nextOccurrence } from "../reports/schedule/occurrences.ts";
import { changeRecorder } from "./changeRecorder.ts";
import { checkReportScheduleChannel } from "./reportScheduleUpdater.ts";

/** Adds a scheduled report; it first goes out at the next occurrence of its time. */
export async function reportScheduleCreator(
  db: Kysely<DB>,
  props: { actor: Actor; schedule: TReportScheduleCreateRequest; now?: Date },
): Promise<ReportSchedule> {
  const { actor, schedule } = props;
  await checkReportScheduleChannel(db, actor.accountId, schedule.channelId);
  return changeRecorder(db, {
    actor,
    action: "report_schedule.create",
    subjectType: "report_schedule",
    write: (trx) =>
      insertOwned(trx, "report_schedules", {
        account_id: actor.accountId,
        report: schedule.report,
        filters: JSON.stringify(schedule.filters),
        cadence: schedule.cadence,
        weekday: schedule.weekday,
        time: schedule.time,
        time_zone: schedule.timeZone,
        emails: schedule.emails,
        locale: schedule.locale,
        channel_id: schedule.channelId,
        enabled: schedule.enabled,
        next_run_at: nextOccurrence(schedule, props.now ?? new Date()),
        created_by: actor.userId,
      }),
    data: () => ({ ...schedule }),
    event: (row) => ({ name: "report_schedule.created", payload: { scheduleId: row.id } }),
  });
}
