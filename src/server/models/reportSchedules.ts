import type { Updateable } from "kysely";
import { type Kysely, sql } from "kysely";
import type {
  ReportDelivery,
  ReportSchedule,
  ReportScheduleTable,
} from "../db/schema/reportSchedules.ts";
import type { DB } from "../db/schema.ts";

/** A sender that has held a delivery this long without finishing is taken to have died. */
const STALE_CLAIM_MS = 10 * 60_000;

export function listReportSchedules(db: Kysely<DB>, accountId: string): Promise<ReportSchedule[]> {
  return db
    .selectFrom("report_schedules")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Schedules due at `now`, across accounts, locked for the caller's transaction; rows another
 * worker holds are skipped (it is handling them), so two workers never take the same one.
 */
export function lockDueSchedules(
  trx: Kysely<DB>,
  now: Date,
  limit: number,
): Promise<ReportSchedule[]> {
  return trx
    .selectFrom("report_schedules")
    .selectAll()
    .where("enabled", "=", true)
    .where("next_run_at", "<=", now)
    .orderBy("next_run_at")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function updateScheduleRun(
  trx: Kysely<DB>,
  schedule: Pick<ReportSchedule, "account_id" | "id">,
  values: Updateable<ReportScheduleTable>,
): Promise<void> {
  await trx
    .updateTable("report_schedules")
    .set(values)
    .where("account_id", "=", schedule.account_id)
    .where("id", "=", schedule.id)
    .execute();
}

/** The delivery of one period, created once: false when it already exists. */
export async function insertDelivery(
  trx: Kysely<DB>,
  values: { accountId: string; scheduleId: string; start: Date; end: Date },
): Promise<boolean> {
  const row = await trx
    .insertInto("report_deliveries")
    .values({
      account_id: values.accountId,
      schedule_id: values.scheduleId,
      period_start: values.start,
      period_end: values.end,
    })
    .onConflict((oc) => oc.columns(["account_id", "schedule_id", "period_start"]).doNothing())
    .returning("schedule_id")
    .executeTakeFirst();
  return Boolean(row);
}

export interface DeliveryKey {
  accountId: string;
  scheduleId: string;
  periodStart: Date;
}

/**
 * Takes the delivery for sending: one that waits, failed, or whose sender died. One statement,
 * so of two workers only one gets it; a delivery sent, or being sent, is not taken again.
 */
export function claimDelivery(
  db: Kysely<DB>,
  key: DeliveryKey,
  now: Date,
): Promise<ReportDelivery | undefined> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS);
  return db
    .updateTable("report_deliveries")
    .set({ status: "sending", claimed_at: now, attempts: sql`attempts + 1` })
    .where("account_id", "=", key.accountId)
    .where("schedule_id", "=", key.scheduleId)
    .where("period_start", "=", key.periodStart)
    .where((eb) =>
      eb.or([
        eb("status", "in", ["pending", "failed"]),
        eb.and([eb("status", "=", "sending"), eb("claimed_at", "<", stale)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function finishDelivery(
  trx: Kysely<DB>,
  key: DeliveryKey,
  outcome: { status: "sent" | "failed"; at: Date; error?: string; messageId?: string },
): Promise<void> {
  await trx
    .updateTable("report_deliveries")
    .set({
      status: outcome.status,
      sent_at: outcome.status === "sent" ? outcome.at : null,
      error: outcome.error ?? null,
      message_id: outcome.messageId ?? null,
    })
    .where("account_id", "=", key.accountId)
    .where("schedule_id", "=", key.scheduleId)
    .where("period_start", "=", key.periodStart)
    .execute();
}

/** The email channel a schedule goes through: the one named, else the first with a relay. */
export async function reportMailChannel(
  db: Kysely<DB>,
  schedule: Pick<ReportSchedule, "account_id" | "channel_id">,
) {
  return db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", schedule.account_id)
    .where("kind", "=", "email")
    .where("disabled_at", "is", null)
    .$if(schedule.channel_id !== null, (query) => query.where("id", "=", schedule.channel_id ?? ""))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Which charts a user chose to see on the Reports screen, or null (all of them). */
export async function findDashboardSelection(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<string[] | null> {
  const row = await db
    .selectFrom("dashboard_selections")
    .select("charts")
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.charts ?? null;
}

export async function saveDashboardSelection(
  trx: Kysely<DB>,
  values: { accountId: string; userId: string; charts: string[] },
): Promise<void> {
  const charts = sql<string[]>`${sql.val(values.charts)}::text[]`;
  await trx
    .insertInto("dashboard_selections")
    .values({ account_id: values.accountId, user_id: values.userId, charts })
    .onConflict((oc) =>
      oc.columns(["account_id", "user_id"]).doUpdateSet({ charts, updated_at: sql`now()` }),
    )
    .execute();
}
