import { z } from "zod";
import { LOCALES } from "./enums.ts";

/**
 * Scheduled reports (`/api/v1/report-schedules`) and the per-user choice of charts on the
 * Reports screen: the shapes the API takes and answers with, shared by server and web app.
 */

/** Every report that exports as CSV and can be scheduled (server/reports/catalogue.ts). */
export const SCHEDULABLE_REPORTS = [
  "overview",
  "volume",
  "backlog",
  "agents",
  "teams",
  "sentiment",
  "categories",
] as const;
export type SchedulableReport = (typeof SCHEDULABLE_REPORTS)[number];

export const CADENCES = ["daily", "weekly"] as const;
export const SCHEDULE_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const ZTimeZone = z
  .string()
  .refine((zone) => zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone), {
    message: "must be an IANA time zone",
  });

/** The filters a schedule keeps; the period is the one that just ended at each sending. */
export const ZScheduleFilters = z
  .object({
    channelId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    hours: z.enum(["calendar", "business"]).default("calendar"),
  })
  .strict();

const scheduleFields = {
  report: z.enum(SCHEDULABLE_REPORTS),
  filters: ZScheduleFilters.default({ hours: "calendar" }),
  cadence: z.enum(CADENCES),
  /** Weekly reports: the day they go out (Monday when absent). */
  weekday: z.enum(SCHEDULE_WEEKDAYS).default("mon"),
  /** "HH:MM", local time of `timeZone`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be HH:MM" }),
  timeZone: ZTimeZone,
  emails: z
    .array(z.string().trim().toLowerCase().pipe(z.email()))
    .min(1)
    .max(20)
    .refine((emails) => new Set(emails).size === emails.length, {
      message: "each address once",
    }),
  locale: z.enum(LOCALES),
  /** The email channel it goes through; absent: the account's first one with an SMTP relay. */
  channelId: z.uuid().nullable().default(null),
  enabled: z.boolean().default(true),
};

export const ZReportScheduleCreateRequest = z.object(scheduleFields).strict();
export type TReportScheduleCreateRequest = z.infer<typeof ZReportScheduleCreateRequest>;
export type TReportScheduleInput = z.input<typeof ZReportScheduleCreateRequest>;

export const ZReportScheduleUpdateRequest = z
  .object({
    report: scheduleFields.report.optional(),
    filters: ZScheduleFilters.optional(),
    cadence: scheduleFields.cadence.optional(),
    weekday: z.enum(SCHEDULE_WEEKDAYS).optional(),
    time: scheduleFields.time.optional(),
    timeZone: ZTimeZone.optional(),
    emails: scheduleFields.emails.optional(),
    locale: z.enum(LOCALES).optional(),
    channelId: z.uuid().nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type TReportScheduleUpdateRequest = z.infer<typeof ZReportScheduleUpdateRequest>;

const ZDateTime = z.string().describe("ISO 8601 date-time");

export const ZReportSchedule = z.object({
  id: z.string(),
  report: z.enum(SCHEDULABLE_REPORTS),
  filters: ZScheduleFilters,
  cadence: z.enum(CADENCES),
  weekday: z.enum(SCHEDULE_WEEKDAYS),
  time: z.string(),
  timeZone: z.string(),
  emails: z.array(z.string()),
  locale: z.enum(LOCALES),
  channelId: z.string().nullable(),
  enabled: z.boolean(),
  nextRunAt: ZDateTime,
  lastSentAt: ZDateTime.nullable(),
  /** Why the last sending failed (it is tried again), null once one went out. */
  lastError: z.string().nullable(),
  createdAt: ZDateTime,
});
export type TReportSchedule = z.infer<typeof ZReportSchedule>;

/** The charts of the Reports screen, in the order they are shown. */
export const DASHBOARD_CHARTS = [
  "volume",
  "times",
  "backlog",
  "sentiment",
  "categories",
  "agents",
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

export const ZDashboardSelection = z.object({
  charts: z.array(z.enum(DASHBOARD_CHARTS)).max(DASHBOARD_CHARTS.length),
});
export type TDashboardSelection = z.infer<typeof ZDashboardSelection>;
