import { type Kysely, sql } from "kysely";
import type { TListeningStats } from "../../shared/listening.ts";
import type { ListeningQuery } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { termsFound } from "./terms.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUCKETS_MAX = 24 * 93;

/**
 * A query's figures between `from` and `to` (UTC buckets of an hour or a day; by default the last
 * 24 hours, or 30 days by day). Each mention counts once, however many polls or networks' pages
 * saw it (one row per query and mention). `now` is passed in so a fake clock can drive it.
 */
export async function listeningStats(
  db: Kysely<DB>,
  query: ListeningQuery,
  options: { from?: string; to?: string; interval: "hour" | "day"; now: Date },
): Promise<TListeningStats> {
  const step = options.interval === "hour" ? HOUR : DAY;
  const to = options.to ? new Date(options.to) : options.now;
  const from = options.from
    ? new Date(options.from)
    : new Date(to.getTime() - (options.interval === "hour" ? DAY : 30 * DAY));
  const scoped = db
    .selectFrom("listening_query_mentions as qm")
    .innerJoin("mentions as m", (join) =>
      join.onRef("m.account_id", "=", "qm.account_id").onRef("m.id", "=", "qm.mention_id"),
    )
    .where("qm.account_id", "=", query.account_id)
    .where("qm.query_id", "=", query.id);
  const inPeriod = scoped.where("qm.posted_at", ">=", from).where("qm.posted_at", "<", to);

  const grouped = await inPeriod
    .select([
      sql<Date>`date_trunc(${options.interval}, qm.posted_at, 'UTC')`.as("start"),
      sql<number>`count(*)::int`.as("total"),
      sql<number>`(count(*) filter (where m.sentiment = 'negative'))::int`.as("negative"),
      sql<number>`(count(*) filter (where m.sentiment = 'neutral'))::int`.as("neutral"),
      sql<number>`(count(*) filter (where m.sentiment = 'positive'))::int`.as("positive"),
      sql<number>`coalesce(sum(m.reach), 0)::bigint`.as("reach"),
    ])
    .groupBy(sql`1`)
    .execute();
  const byStart = new Map(grouped.map((row) => [new Date(row.start).getTime(), row]));
  const buckets: TListeningStats["buckets"] = [];
  const first = truncate(from, options.interval);
  for (let at = first; at < to.getTime() && buckets.length < BUCKETS_MAX; at += step) {
    const row = byStart.get(at);
    buckets.push({
      start: new Date(at).toISOString(),
      total: row?.total ?? 0,
      negative: row?.negative ?? 0,
      neutral: row?.neutral ?? 0,
      positive: row?.positive ?? 0,
      reach: Number(row?.reach ?? 0),
    });
  }

  const baselineHours = query.spike?.baselineHours ?? 24;
  const hourAgo = new Date(options.now.getTime() - HOUR);
  const baselineStart = new Date(hourAgo.getTime() - baselineHours * HOUR);
  const velocity = await scoped
    .select([
      sql<number>`(count(*) filter (where qm.posted_at >= ${hourAgo}))::int`.as("last_hour"),
      sql<number>`(count(*) filter (where qm.posted_at < ${hourAgo}))::int`.as("baseline"),
    ])
    .where("qm.posted_at", ">=", baselineStart)
    .where("qm.posted_at", "<", options.now)
    .executeTakeFirstOrThrow();

  const authors = await inPeriod
    .select([
      "m.author_handle",
      sql<string | null>`max(m.author_name)`.as("name"),
      sql<number | null>`max(m.author_followers)`.as("followers"),
      sql<number>`count(*)::int`.as("mentions"),
      sql<number>`coalesce(sum(m.reach), 0)::bigint`.as("reach"),
    ])
    .groupBy(["m.network", "m.author_id", "m.author_handle"])
    .orderBy("mentions", "desc")
    .orderBy("reach", "desc")
    .limit(10)
    .execute();

  const texts = await inPeriod
    .select("m.text")
    .orderBy("qm.posted_at", "desc")
    .limit(5000)
    .execute();
  const counts = new Map<string, number>(query.terms.map((term) => [term, 0]));
  for (const { text } of texts) {
    for (const term of termsFound(text, query.terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }

  return {
    buckets,
    velocity: {
      lastHour: velocity.last_hour,
      baselinePerHour: Math.round((velocity.baseline / baselineHours) * 100) / 100,
    },
    topAuthors: authors.map((row) => ({
      handle: row.author_handle,
      name: row.name,
      followers: row.followers === null ? null : Number(row.followers),
      mentions: row.mentions,
      reach: Number(row.reach),
    })),
    topTerms: [...counts]
      .map(([term, mentions]) => ({ term, mentions }))
      .filter((entry) => entry.mentions > 0)
      .sort((a, b) => b.mentions - a.mentions),
  };
}

function truncate(at: Date, interval: "hour" | "day"): number {
  const step = interval === "hour" ? HOUR : DAY;
  return Math.floor(at.getTime() / step) * step;
}
