import { type Kysely, sql } from "kysely";
import type { ListeningAlert, ListeningQuery, SpikeSettings } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { presentListeningAlert } from "../presenters/listening.ts";

const HOUR = 3_600_000;

export interface SpikeReading {
  /** Negative mentions in the last `windowMinutes`. */
  negativeCount: number;
  /** Negative mentions per hour over the `baselineHours` before the window. */
  baselinePerHour: number;
  /** Whether the window exceeds `factor` × the baseline (and holds at least `minMentions`). */
  exceeded: boolean;
}

/** Pure: whether a window's negative count is a spike against its baseline. */
export function readSpike(
  settings: SpikeSettings,
  counts: { window: number; baseline: number },
): SpikeReading {
  const baselinePerHour = counts.baseline / settings.baselineHours;
  const expected = baselinePerHour * (settings.windowMinutes / 60);
  return {
    negativeCount: counts.window,
    baselinePerHour,
    exceeded: counts.window >= settings.minMentions && counts.window > settings.factor * expected,
  };
}

/** The counts a spike is read from, at `now` (each mention once per query). */
async function negativeCounts(
  db: Kysely<DB>,
  query: ListeningQuery,
  settings: SpikeSettings,
  now: Date,
) {
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const baselineStart = new Date(windowStart.getTime() - settings.baselineHours * HOUR);
  const row = await db
    .selectFrom("listening_query_mentions")
    .select([
      sql<number>`(count(*) filter (where posted_at >= ${windowStart}))::int`.as("window"),
      sql<number>`(count(*) filter (where posted_at < ${windowStart}))::int`.as("baseline"),
    ])
    .where("account_id", "=", query.account_id)
    .where("query_id", "=", query.id)
    .where("sentiment", "=", "negative")
    .where("posted_at", ">=", baselineStart)
    .where("posted_at", "<=", now)
    .executeTakeFirstOrThrow();
  return { window: row.window, baseline: row.baseline, windowStart };
}

export const DELIVER_LISTENING_ALERT = "deliver-listening-alert";

/**
 * Reads the query's negative rate at `now`. Over the threshold while armed: exactly one alert —
 * the query disarmed in the same statement that finds it armed, so two polls at once cannot
 * both fire — with its live event, a bell notification for supervisors and admins, and the
 * webhook and email jobs, all in one transaction. Under the threshold while disarmed: re-armed.
 */
export async function checkSpike(
  db: Kysely<DB>,
  queue: Pick<JobQueue<unknown>, "send">,
  query: ListeningQuery,
  now: Date,
): Promise<ListeningAlert | null> {
  const settings = query.spike;
  if (!settings) return null;
  const counts = await negativeCounts(db, query, settings, now);
  const reading = readSpike(settings, counts);
  if (!reading.exceeded) {
    await db
      .updateTable("listening_queries")
      .set({ spike_armed: true })
      .where("account_id", "=", query.account_id)
      .where("id", "=", query.id)
      .where("spike_armed", "=", false)
      .execute();
    return null;
  }
  return db.transaction().execute(async (trx) => {
    const disarmed = await trx
      .updateTable("listening_queries")
      .set({ spike_armed: false })
      .where("account_id", "=", query.account_id)
      .where("id", "=", query.id)
      .where("spike_armed", "=", true)
      .returning("id")
      .executeTakeFirst();
    if (!disarmed) return null;
    const samples = await trx
      .selectFrom("listening_query_mentions as qm")
      .innerJoin("mentions as m", (join) =>
        join.onRef("m.account_id", "=", "qm.account_id").onRef("m.id", "=", "qm.mention_id"),
      )
      .select("m.id")
      .where("qm.account_id", "=", query.account_id)
      .where("qm.query_id", "=", query.id)
      .where("qm.sentiment", "=", "negative")
      .where("qm.posted_at", ">=", counts.windowStart)
      .where("qm.posted_at", "<=", now)
      .orderBy("m.reach", "desc")
      .orderBy("m.posted_at", "desc")
      .limit(5)
      .execute();
    const alert = await trx
      .insertInto("listening_alerts")
      .values({
        account_id: query.account_id,
        query_id: query.id,
        started_at: now,
        negative_count: reading.negativeCount,
        baseline_per_hour: reading.baselinePerHour,
        sample_mention_ids: samples.map((row) => row.id),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      accountId: query.account_id,
      name: "listening.spike",
      payload: { queryId: query.id, alertId: alert.id },
    });
    const supervisors = await trx
      .selectFrom("users")
      .select("id")
      .where("account_id", "=", query.account_id)
      .where("role", "in", ["admin", "supervisor"])
      .where("disabled_at", "is", null)
      .execute();
    if (supervisors.length > 0) {
      await recordEvent(trx, {
        accountId: query.account_id,
        name: "notification.created",
        payload: {
          notificationKind: "listening_spike",
          userIds: supervisors.map((user) => user.id),
          queryId: query.id,
          alertId: alert.id,
          params: { query: query.name, count: reading.negativeCount },
        },
      });
    }
    for (const target of ["webhook", "email"] as const) {
      if (target === "webhook" && !query.webhook_url) continue;
      if (target === "email" && query.emails.length === 0) continue;
      await queue.send(trx, DELIVER_LISTENING_ALERT, {
        accountId: query.account_id,
        alertId: alert.id,
        target,
      });
    }
    return alert;
  });
}

/** The webhook's body: `{"type": "listening.spike", "alert": {...}}` with the alert as the API shows it. */
export function spikeWebhookBody(alert: ListeningAlert): string {
  return JSON.stringify({ type: "listening.spike", alert: presentListeningAlert(alert) });
}
