import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { ReportSchedule } from "../db/schema/reportSchedules.ts";
import type { DB } from "../db/schema.ts";
import { deleteOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Deletes a scheduled report, with the record of what it sent. */
export async function reportScheduleDeleter(
  db: Kysely<DB>,
  props: { actor: Actor; schedule: ReportSchedule },
): Promise<ReportSchedule> {
  const { actor, schedule } = props;
  return changeRecorder(db, {
    actor,
    action: "report_schedule.delete",
    subjectType: "report_schedule",
    write: (trx) => deleteOwned(trx, "report_schedules", actor.accountId, schedule.id),
    data: (row) => ({ report: row.report, emails: row.emails }),
    event: (row) => ({ name: "report_schedule.deleted", payload: { scheduleId: row.id } }),
  });
}
