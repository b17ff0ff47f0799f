import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

export interface ReportFilter {
  from?: Date;
  to?: Date;
  teamId?: string;
  channelId?: string;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Promises made in the period (by when they were made), on the team's or channel's
 * conversations: how many, kept, kept on time, broken, still open.
 */
export async function promiseReport(db: Kysely<DB>, accountId: string, filter: ReportFilter) {
  const row = await db
    .selectFrom("promises as p")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "p.account_id").onRef("c.id", "=", "p.conversation_id"),
    )
    .where("p.account_id", "=", accountId)
    .where("c.spam_at", "is", null)
    .$if(Boolean(filter.from), (q) => q.where("p.created_at", ">=", filter.from as Date))
    .$if(Boolean(filter.to), (q) => q.where("p.created_at", "<", filter.to as Date))
    .$if(Boolean(filter.teamId), (q) => q.where("c.team_id", "=", filter.teamId as string))
    .$if(Boolean(filter.channelId), (q) => q.where("c.channel_id", "=", filter.channelId as string))
    .select([
      sql<number>`count(*)::int`.as("made"),
      sql<number>`count(*) filter (where p.status = 'kept')::int`.as("kept"),
      sql<number>`count(*) filter (where p.status = 'kept' and p.kept_at <= p.due_at)::int`.as(
        "kept_on_time",
      ),
      sql<number>`count(*) filter (where p.status = 'broken')::int`.as("broken"),
      sql<number>`count(*) filter (where p.status = 'open')::int`.as("open"),
    ])
    .executeTakeFirstOrThrow();
  const made = Number(row.made);
  const keptOnTime = Number(row.kept_on_time);
  return {
    made,
    kept: Number(row.kept),
    keptOnTime,
    broken: Number(row.broken),
    open: Number(row.open),
    keptOnTimeRate: rate(keptOnTime, made - Number(row.open)),
  };
}

/**
 * SLA attainment per target for the clocks started in the period (superseded ones aside: a
 * re-applied policy counts once): met on time, breached (late, met or not), still running.
 */
export async function slaReport(db: Kysely<DB>, accountId: string, filter: ReportFilter) {
  const rows = await db
    .selectFrom("sla_clocks as s")
    .innerJoin("conversations as c", (join) =>
      join.onRef("c.account_id", "=", "s.account_id").onRef("c.id", "=", "s.conversation_id"),
    )
    .where("s.account_id", "=", accountId)
    .where("c.spam_at", "is", null)
    .where("s.superseded_at", "is", null)
    .$if(Boolean(filter.from), (q) => q.where("s.started_at", ">=", filter.from as Date))
    .$if(Boolean(filter.to), (q) => q.where("s.started_at", "<", filter.to as Date))
    .$if(Boolean(filter.teamId), (q) => q.where("c.team_id", "=", filter.teamId as string))
    .$if(Boolean(filter.channelId), (q) => q.where("c.channel_id", "=", filter.channelId as string))
    .select([
      "s.target",
      sql<number>`count(*) filter (where s.met_at is not null and s.breached_at is null)::int`.as(
        "met",
      ),
      sql<number>`count(*) filter (where s.breached_at is not null)::int`.as("breached"),
      sql<number>`count(*) filter (where s.met_at is null and s.breached_at is null)::int`.as(
        "running",
      ),
    ])
    .groupBy("s.target")
    .execute();
  const of = (target: string) => {
    const row = rows.find((r) => r.target === target);
    const met = Number(row?.met ?? 0);
    const breached = Number(row?.breached ?? 0);
    return {
      met,
      breached,
      running: Number(row?.running ?? 0),
      attainment: rate(met, met + breached),
    };
  };
  return {
    firstResponse: of("firstResponse"),
    nextResponse: of("nextResponse"),
    resolution: of("resolution"),
  };
}
