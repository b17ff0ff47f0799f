import {
  SCHEDULE_WEEKDAYS,
  type TReportSchedule,
  ZScheduleFilters,
} from "../../shared/reportSchedules.ts";
import type { ReportSchedule } from "../db/schema/reportSchedules.ts";
import { iso } from "./dates.ts";

export function presentReportSchedule(row: ReportSchedule): TReportSchedule {
  return {
    id: row.id,
    report: row.report as TReportSchedule["report"],
    filters: ZScheduleFilters.parse(row.filters),
    cadence: row.cadence,
    weekday: SCHEDULE_WEEKDAYS.find((day) => day === row.weekday) ?? "mon",
    time: row.time,
    timeZone: row.time_zone,
    emails: row.emails,
    locale: row.locale,
    channelId: row.channel_id,
    enabled: row.enabled,
    nextRunAt: iso(row.next_run_at),
    lastSentAt: row.last_sent_at ? iso(row.last_sent_at) : null,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
  };
}
