import type { Kysely } from "kysely";
import type { TReportScheduleUpdateRequest } from "../../shared/reportSchedules.ts";
import type { Actor } from "../auth/actor.ts";
import type { ReportSchedule } from "../db/schema/reportSchedules.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { updateOwned } from "../models/owned.ts";
import { nextOccurrence } from "../reports/schedule/occurrences.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** A schedule names an email channel of its own account, or none. */
export async function checkReportScheduleChannel(
  db: Kysely<DB>,
  accountId: string,
  channelId: string | null | undefined,
): Promise<void> {
  if (!channelId) return;
  const channel = await db
    .selectFrom("channels")
    .select("kind")
    .where("account_id", "=", accountId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  if (channel?.kind !== "email") {
    throw validationFailed("channelId must be an email channel of this account.");
  }
}

/**
 * Changes a scheduled report. A change of when it goes out moves its next sending to the next
 * occurrence of the new time; periods already sent are never sent again.
 */
export async function reportScheduleUpdater(
  db: Kysely<DB>,
  props: {
    actor: Actor;
    schedule: ReportSchedule;
    changes: TReportScheduleUpdateRequest;
    now?: Date;
  },
): Promise<ReportSchedule> {
  const { actor, schedule, changes } = props;
  await checkReportScheduleChannel(db, actor.accountId, changes.channelId);
  const cadence = {
    cadence: changes.cadence ?? schedule.cadence,
    weekday: changes.weekday ?? schedule.weekday,
    time: changes.time ?? schedule.time,
    timeZone: changes.timeZone ?? schedule.time_zone,
  };
  const when = ["cadence", "weekday", "time", "timeZone", "enabled"] as const;
  const moved = when.some((key) => changes[key] !== undefined);
  return changeRecorder(db, {
    actor,
    action: "report_schedule.update",
    subjectType: "report_schedule",
    write: (trx) =>
      updateOwned(trx, "report_schedules", actor.accountId, schedule.id, {
        report: changes.report,
        filters: changes.filters ? JSON.stringify(changes.filters) : undefined,
        cadence: changes.cadence,
        weekday: changes.weekday,
        time: changes.time,
        time_zone: changes.timeZone,
        emails: changes.emails,
        locale: changes.locale,
        channel_id: changes.channelId,
        enabled: changes.enabled,
        next_run_at: moved ? nextOccurrence(cadence, props.now ?? new Date()) : undefined,
        updated_at: new Date(),
      }),
    data: () => ({ ...changes }),
    event: (row) => ({
      name: "report_schedule.updated",
      payload: { scheduleId: row.id, changes: Object.keys(changes) },
    }),
  });
}
