import { DateTime } from "luxon";
import { z } from "zod";
import type { EmailChannel } from "../../channels/email/config.ts";
import { resolveChannel } from "../../channels/resolve.ts";
import type { ReportSchedule } from "../../db/schema/reportSchedules.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { TaskDefinition } from "../../jobs/queue.ts";
import {
  claimDelivery,
  type DeliveryKey,
  finishDelivery,
  reportMailChannel,
  updateScheduleRun,
} from "../../models/reportSchedules.ts";
import type { Services } from "../../services.ts";
import { REPORT_COLUMNS, REPORTS, type ReportName } from "../catalogue.ts";
import { csvStream } from "../csv.ts";
import type { ReportFilters } from "../filters.ts";
import { overviewReport } from "../overview.ts";
import { type ReportMail, reportMessageId, sendReportMail } from "./mailer.ts";
import { periodEndingAt } from "./occurrences.ts";
import {
  keyFigures,
  reportMailHtml,
  reportMailSubject,
  reportMailText,
  type SummaryInput,
} from "./summary.ts";
import { SEND_SCHEDULED_REPORT } from "./sweeper.ts";

export type ReportSendOutcome = "sent" | "failed" | "skipped";

/**
 * Sends one period's report, once: the delivery is claimed in one statement (of two workers,
 * or a job run again, only one gets it; a delivery sent is never taken again), the mail goes
 * out with a Message-ID stable for the period, then the delivery is marked sent with its event.
 * A relay that answers 4xx or cannot be reached leaves the delivery `failed` and the job
 * throws, so the queue tries again; a final refusal (5xx, no email channel) is recorded on the
 * schedule for the settings screen.
 */
export async function scheduledReportSender(
  services: Services,
  key: DeliveryKey,
  now = new Date(),
): Promise<ReportSendOutcome> {
  const delivery = await claimDelivery(services.db, key, now);
  if (!delivery) return "skipped";
  const schedule = await services.db
    .selectFrom("report_schedules")
    .selectAll()
    .where("account_id", "=", key.accountId)
    .where("id", "=", key.scheduleId)
    .executeTakeFirst();
  if (!schedule) return "skipped";
  const channel = await mailChannel(services, schedule);
  const fail = async (error: string) => {
    await services.db.transaction().execute(async (trx) => {
      await finishDelivery(trx, key, { status: "failed", at: now, error });
      await updateScheduleRun(trx, schedule, { last_error: error });
    });
    return "failed" as const;
  };
  if (!channel) {
    return fail("No email channel with an SMTP relay to send the report through.");
  }
  const mail = await buildReportMail(services, schedule, {
    start: delivery.period_start,
    end: delivery.period_end,
  });
  mail.messageId = reportMessageId(channel, schedule.id, delivery.period_start);
  const result = await sendReportMail(channel, mail, services.env.RELAIS_HTTP_TIMEOUT_MS);
  if (!result.ok) {
    await fail(result.reason);
    if (result.retryable) throw new Error(`report not sent, retried: ${result.reason}`);
    return "failed";
  }
  await services.db.transaction().execute(async (trx) => {
    await finishDelivery(trx, key, { status: "sent", at: now, messageId: mail.messageId });
    await updateScheduleRun(trx, schedule, { last_sent_at: now, last_error: null });
    await recordEvent(trx, {
      accountId: key.accountId,
      name: "report_schedule.sent",
      payload: { scheduleId: schedule.id, periodStart: key.periodStart.toISOString() },
    });
  });
  return "sent";
}

async function mailChannel(
  services: Services,
  schedule: ReportSchedule,
): Promise<EmailChannel | null> {
  for (const row of await reportMailChannel(services.db, schedule)) {
    const { channel } = resolveChannel(row, services.secrets);
    const email = channel as EmailChannel;
    if (email.secrets.smtpUrl) return email;
  }
  return null;
}

/** The summary of the period against the one before, and the report's CSV for the period. */
export async function buildReportMail(
  services: Services,
  schedule: ReportSchedule,
  period: { start: Date; end: Date },
): Promise<ReportMail> {
  const cadence = { ...schedule, timeZone: schedule.time_zone };
  const saved = schedule.filters as Partial<ReportFilters>;
  const filters: ReportFilters = {
    accountId: schedule.account_id,
    from: period.start,
    to: period.end,
    channelId: saved.channelId,
    teamId: saved.teamId,
    hours: saved.hours === "business" ? "business" : "calendar",
  };
  const previous = periodEndingAt(cadence, period.start);
  const [now, before] = await Promise.all([
    overviewReport(services.readDb, filters),
    overviewReport(services.readDb, { ...filters, from: previous.start, to: previous.end }),
  ]);
  const account = await services.db
    .selectFrom("accounts")
    .select("name")
    .where("id", "=", schedule.account_id)
    .executeTakeFirstOrThrow();
  const report = schedule.report as ReportName;
  const rows = await REPORTS[report](services.readDb, filters);
  let csv = "";
  for await (const chunk of csvStream(REPORT_COLUMNS[report], rows)) csv += chunk;
  const input: SummaryInput = {
    language: schedule.locale,
    accountName: account.name,
    report,
    cadence: schedule.cadence,
    period: periodWords(period, schedule.time_zone, schedule.locale),
    figures: keyFigures(now, before),
  };
  const day = DateTime.fromJSDate(period.start, { zone: schedule.time_zone }).toISODate();
  return {
    to: schedule.emails,
    subject: reportMailSubject(input),
    text: reportMailText(input),
    html: reportMailHtml(input),
    messageId: "",
    attachment: { filename: `relais-${report}-${day}.csv`, content: csv },
  };
}

/** "7 déc. 2026" for a day, "30 nov. 2026 – 6 déc. 2026" for a week, in the schedule's zone. */
function periodWords(period: { start: Date; end: Date }, zone: string, locale: "fr" | "en") {
  const format = (at: Date) =>
    DateTime.fromJSDate(at, { zone })
      .setLocale(locale === "fr" ? "fr-FR" : "en-GB")
      .toFormat("d LLL yyyy");
  const first = format(period.start);
  const last = format(new Date(period.end.getTime() - 1));
  return first === last ? first : `${first} – ${last}`;
}

const ZSendReport = z.object({
  accountId: z.uuid(),
  scheduleId: z.uuid(),
  periodStart: z.iso.datetime(),
});

export const sendScheduledReportTask: TaskDefinition<z.infer<typeof ZSendReport>, Services> = {
  name: SEND_SCHEDULED_REPORT,
  schema: ZSendReport,
  retryLimit: 5,
  retryDelaySeconds: 60,
  async run(services, payload) {
    const outcome = await scheduledReportSender(services, {
      ...payload,
      periodStart: new Date(payload.periodStart),
    });
    services.log.info({ scheduleId: payload.scheduleId, outcome }, "scheduled report");
  },
};
