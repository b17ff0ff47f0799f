import { type Kysely, sql } from "kysely";
import { businessHoursFor } from "../callbacks/businessHours.ts";
import { openSecondsBetween } from "../callbacks/slots.ts";
import type { DB, WeeklyHours } from "../db/schema.ts";
import {
  countedConversations,
  periodMessages,
  type ReportFilters,
  respondedConversations,
} from "./filters.ts";
import { durationStats } from "./percentiles.ts";

export interface TimeFigures {
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface DayFigures {
  day: string;
  conversations: number;
  inboundMessages: number;
  outboundMessages: number;
  firstResponse: TimeFigures;
  resolution: TimeFigures;
}

export interface Overview {
  conversations: number;
  inboundMessages: number;
  outboundMessages: number;
  firstResponse: {
    count: number;
    unanswered: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    meanSeconds: number | null;
  };
  resolution: { count: number; medianSeconds: number | null; p90Seconds: number | null };
  byChannel: Array<{
    channelId: string | null;
    name: string | null;
    kind: string | null;
    conversations: number;
  }>;
  byCategory: Array<{ category: string | null; conversations: number }>;
  bySentiment: Array<{ sentiment: string | null; conversations: number }>;
  byDay: DayFigures[];
}

const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The account's zone: days of the reports are its calendar days. */
export async function accountTimeZone(db: Kysely<DB>, accountId: string): Promise<string> {
  const row = await db
    .selectFrom("accounts")
    .select("time_zone")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

interface TimingRow {
  day: string;
  team_id: string | null;
  status: string;
  first_in: Date;
  first_out: Date | null;
  resolved_at: Date | null;
}

/** First-response and resolution times, overall and per day, on the calendar clock (SQL). */
async function calendarTimes(db: Kysely<DB>, filters: ReportFilters, zone: string) {
  const seconds = (end: string) => sql.raw(`extract(epoch from (${end} - first_in))`);
  const resolvedOnly = sql.raw(`status = 'resolved' and resolved_at is not null`);
  const figures = sql`
    count(first_out) as answered,
    count(*) - count(first_out) as unanswered,
    percentile_cont(0.5) within group (order by ${seconds("first_out")}) as fr_median,
    percentile_cont(0.9) within group (order by ${seconds("first_out")}) as fr_p90,
    avg(${seconds("first_out")}) as fr_mean,
    count(*) filter (where ${resolvedOnly}) as resolved,
    percentile_cont(0.5) within group (order by case when ${resolvedOnly} then ${seconds("resolved_at")} end) as res_median,
    percentile_cont(0.9) within group (order by case when ${resolvedOnly} then ${seconds("resolved_at")} end) as res_p90`;
  const { rows } = await sql<Record<string, unknown>>`
    select to_char(first_in at time zone ${zone}, 'YYYY-MM-DD') as day, count(*) as conversations, ${figures}
    from (${respondedConversations(filters)}) t
    group by rollup (1)
    order by 1 nulls first`.execute(db);
  return rows.map((row) => ({
    day: row.day as string | null,
    conversations: Number(row.conversations),
    firstResponse: {
      count: Number(row.answered),
      unanswered: Number(row.unanswered),
      medianSeconds: num(row.fr_median),
      p90Seconds: num(row.fr_p90),
      meanSeconds: num(row.fr_mean),
    },
    resolution: {
      count: Number(row.resolved),
      medianSeconds: num(row.res_median),
      p90Seconds: num(row.res_p90),
    },
  }));
}

/** The same figures counting only opening hours: each conversation's team's, else the default. */
async function businessTimes(db: Kysely<DB>, filters: ReportFilters, zone: string) {
  const { rows } = await sql<TimingRow>`
    select to_char(first_in at time zone ${zone}, 'YYYY-MM-DD') as day, team_id, status,
           first_in, first_out, resolved_at
    from (${respondedConversations(filters)}) t`.execute(db);
  const hours = new Map<string | null, { weekly: WeeklyHours; timeZone: string }>();
  const hoursOf = async (teamId: string | null) => {
    const known = hours.get(teamId);
    if (known) return known;
    const found = await businessHoursFor(db, filters.accountId, teamId ?? filters.teamId, {
      fallback: true,
    });
    const chosen = { weekly: found.weekly, timeZone: found.timeZone };
    hours.set(teamId, chosen);
    return chosen;
  };
  const groups = new Map<
    string | null,
    { responses: number[]; resolutions: number[]; total: number }
  >();
  const add = (key: string | null) => {
    const group = groups.get(key) ?? { responses: [], resolutions: [], total: 0 };
    groups.set(key, group);
    return group;
  };
  for (const row of rows) {
    const clock = await hoursOf(row.team_id);
    const open = (end: Date) =>
      openSecondsBetween(clock.weekly, clock.timeZone, new Date(row.first_in), new Date(end));
    const response = row.first_out ? open(row.first_out) : null;
    const resolution = row.status === "resolved" && row.resolved_at ? open(row.resolved_at) : null;
    for (const group of [add(null), add(row.day)]) {
      group.total += 1;
      if (response !== null) group.responses.push(response);
      if (resolution !== null) group.resolutions.push(resolution);
    }
  }
  if (!groups.has(null)) add(null);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
    .map(([day, group]) => {
      const responses = durationStats(group.responses);
      const resolutions = durationStats(group.resolutions);
      return {
        day,
        conversations: group.total,
        firstResponse: {
          count: responses.count,
          unanswered: group.total - responses.count,
          medianSeconds: responses.medianSeconds,
          p90Seconds: responses.p90Seconds,
          meanSeconds: responses.meanSeconds,
        },
        resolution: {
          count: resolutions.count,
          medianSeconds: resolutions.medianSeconds,
          p90Seconds: resolutions.p90Seconds,
        },
      };
    });
}

/** Inbound and outbound messages of the period, overall and per day of the account's zone. */
async function messageCounts(db: Kysely<DB>, filters: ReportFilters, zone: string) {
  const { rows } = await sql<{ day: string | null; inbound: string; outbound: string }>`
    select to_char(at at time zone ${zone}, 'YYYY-MM-DD') as day,
           count(*) filter (where direction = 'in') as inbound,
           count(*) filter (where direction = 'out') as outbound
    from (${periodMessages(filters)}) t
    group by rollup (1)`.execute(db);
  return new Map(
    rows.map((row) => [row.day, { inbound: Number(row.inbound), outbound: Number(row.outbound) }]),
  );
}

async function breakdown(db: Kysely<DB>, filters: ReportFilters, column: "category" | "sentiment") {
  const { rows } = await sql<{ key: string | null; conversations: string }>`
    select ${sql.ref(column)} as key, count(*) as conversations
    from (${countedConversations(filters)}) t
    group by 1 order by 2 desc, 1`.execute(db);
  return rows.map((row) => ({ key: row.key, conversations: Number(row.conversations) }));
}

async function byChannel(db: Kysely<DB>, filters: ReportFilters) {
  const { rows } = await sql<{
    id: string | null;
    name: string | null;
    kind: string | null;
    conversations: string;
  }>`
    select t.channel_id as id, ch.name, ch.kind, count(*) as conversations
    from (${countedConversations(filters)}) t
    left join channels ch on ch.account_id = ${filters.accountId} and ch.id = t.channel_id
    group by 1, 2, 3 order by 4 desc, 2`.execute(db);
  return rows.map((row) => ({
    channelId: row.id,
    name: row.name,
    kind: row.kind,
    conversations: Number(row.conversations),
  }));
}

/** The overview report: every figure defined once, in docs/reports.md. */
export async function overviewReport(db: Kysely<DB>, filters: ReportFilters): Promise<Overview> {
  const zone = await accountTimeZone(db, filters.accountId);
  const [times, messages, channels, categories, sentiments] = await Promise.all([
    filters.hours === "business"
      ? businessTimes(db, filters, zone)
      : calendarTimes(db, filters, zone),
    messageCounts(db, filters, zone),
    byChannel(db, filters),
    breakdown(db, filters, "category"),
    breakdown(db, filters, "sentiment"),
  ]);
  const total = times.find((row) => row.day === null);
  const days = new Set<string>([
    ...times.flatMap((row) => (row.day ? [row.day] : [])),
    ...[...messages.keys()].flatMap((day) => (day ? [day] : [])),
  ]);
  const byDay = [...days].sort().map((day) => {
    const time = times.find((row) => row.day === day);
    const counts = messages.get(day);
    return {
      day,
      conversations: time?.conversations ?? 0,
      inboundMessages: counts?.inbound ?? 0,
      outboundMessages: counts?.outbound ?? 0,
      firstResponse: {
        medianSeconds: time?.firstResponse.medianSeconds ?? null,
        p90Seconds: time?.firstResponse.p90Seconds ?? null,
      },
      resolution: {
        medianSeconds: time?.resolution.medianSeconds ?? null,
        p90Seconds: time?.resolution.p90Seconds ?? null,
      },
    };
  });
  const overall = messages.get(null);
  return {
    conversations: total?.conversations ?? 0,
    inboundMessages: overall?.inbound ?? 0,
    outboundMessages: overall?.outbound ?? 0,
    firstResponse: total?.firstResponse ?? {
      count: 0,
      unanswered: 0,
      medianSeconds: null,
      p90Seconds: null,
      meanSeconds: null,
    },
    resolution: total?.resolution ?? { count: 0, medianSeconds: null, p90Seconds: null },
    byChannel: channels,
    byCategory: categories.map((row) => ({ category: row.key, conversations: row.conversations })),
    bySentiment: sentiments.map((row) => ({
      sentiment: row.key,
      conversations: row.conversations,
    })),
    byDay,
  };
}
