import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";
import { countedConversations, periodMessages, type ReportFilters } from "./filters.ts";
import { accountTimeZone } from "./overview.ts";

const day = (zone: string, column: string) =>
  sql`to_char(${sql.ref(column)} at time zone ${zone}, 'YYYY-MM-DD')`;

/** Per day and channel: counted conversations, inbound and outbound messages. */
export async function volumeReport(db: Kysely<DB>, filters: ReportFilters) {
  const zone = await accountTimeZone(db, filters.accountId);
  const { rows } = await sql<{
    day: string;
    channel_id: string | null;
    conversations: string;
    inbound: string;
    outbound: string;
  }>`
    with conv as (
      select ${day(zone, "first_in")} as day, channel_id, count(*) as n
      from (${countedConversations(filters)}) t group by 1, 2
    ), msg as (
      select ${day(zone, "t.at")} as day, c.channel_id,
             count(*) filter (where t.direction = 'in') as inbound,
             count(*) filter (where t.direction = 'out') as outbound
      from (${periodMessages(filters)}) t
      join conversations c on c.account_id = ${filters.accountId} and c.id = t.conversation_id
      group by 1, 2
    )
    select coalesce(conv.day, msg.day) as day, coalesce(conv.channel_id, msg.channel_id) as channel_id,
           coalesce(conv.n, 0) as conversations, coalesce(msg.inbound, 0) as inbound,
           coalesce(msg.outbound, 0) as outbound
    from conv full join msg on msg.day = conv.day
      and msg.channel_id is not distinct from conv.channel_id
    order by 1, 2`.execute(db);
  const names = await channelNames(db, filters.accountId);
  return rows.map((row) => ({
    day: row.day,
    channelId: row.channel_id,
    channel: row.channel_id ? (names.get(row.channel_id) ?? null) : null,
    conversations: Number(row.conversations),
    inboundMessages: Number(row.inbound),
    outboundMessages: Number(row.outbound),
  }));
}

async function channelNames(db: Kysely<DB>, accountId: string) {
  const rows = await db
    .selectFrom("channels")
    .select(["id", "name"])
    .where("account_id", "=", accountId)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Backlog at the end of each day of the period (account's zone): conversations whose first
 * customer message came before that moment and that were not resolved by then (still open, or
 * resolved later).
 */
export async function backlogReport(db: Kysely<DB>, filters: ReportFilters) {
  const zone = await accountTimeZone(db, filters.accountId);
  const { rows } = await sql<{ day: string; open: string }>`
    with days as (
      select d::date as day,
             ((d::date + 1)::timestamp at time zone ${zone}) as day_end
      from generate_series((${filters.from}::timestamptz at time zone ${zone})::date,
                           ((${filters.to}::timestamptz - interval '1 microsecond') at time zone ${zone})::date,
                           interval '1 day') d
    ), firsts as (
      select c.id, c.status, c.resolved_at, min(m.created_at) as first_in
      from conversations c
      join messages m on m.account_id = c.account_id and m.conversation_id = c.id and m.direction = 'in'
      where c.account_id = ${filters.accountId} and c.spam_at is null
        and (c.status <> 'resolved' or c.resolved_at >= ${filters.from})
        ${filters.channelId ? sql`and c.channel_id = ${filters.channelId}` : sql``}
        ${filters.teamId ? sql`and c.team_id = ${filters.teamId}` : sql``}
      group by c.id, c.status, c.resolved_at
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
           count(firsts.id) as open
    from days
    left join firsts on firsts.first_in < days.day_end
      and (firsts.status <> 'resolved' or firsts.resolved_at >= days.day_end)
    group by days.day order by days.day`.execute(db);
  return rows.map((row) => ({ day: row.day, open: Number(row.open) }));
}

/**
 * Load per agent (and team): counted conversations assigned to them now, replies they sent in
 * the period, and their conversations open now.
 */
export async function agentsReport(db: Kysely<DB>, filters: ReportFilters) {
  const { rows } = await sql<{
    user_id: string;
    name: string;
    conversations: string;
    replies: string;
    open_now: string;
  }>`
    select u.id as user_id, u.name,
      (select count(*) from (${countedConversations(filters)}) k where k.assignee_id = u.id) as conversations,
      (select count(*) from messages m
         join conversations c on c.account_id = m.account_id and c.id = m.conversation_id
         where m.account_id = ${filters.accountId} and m.author_user_id = u.id and c.spam_at is null
           and m.direction = 'out' and m.sent_at >= ${filters.from} and m.sent_at < ${filters.to}
           ${filters.channelId ? sql`and c.channel_id = ${filters.channelId}` : sql``}
           ${filters.teamId ? sql`and c.team_id = ${filters.teamId}` : sql``}) as replies,
      (select count(*) from conversations c
         where c.account_id = ${filters.accountId} and c.assignee_id = u.id and c.status <> 'resolved'
           ${filters.channelId ? sql`and c.channel_id = ${filters.channelId}` : sql``}
           ${filters.teamId ? sql`and c.team_id = ${filters.teamId}` : sql``}) as open_now
    from users u
    where u.account_id = ${filters.accountId} and u.role <> 'viewer'
    ${filters.teamId ? sql`and exists (select 1 from team_members tm where tm.account_id = u.account_id and tm.user_id = u.id and tm.team_id = ${filters.teamId})` : sql``}
    order by 4 desc, 3 desc, 2`.execute(db);
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    conversations: Number(row.conversations),
    replies: Number(row.replies),
    openNow: Number(row.open_now),
  }));
}

/** Counted conversations per team of the period. */
export async function teamsReport(db: Kysely<DB>, filters: ReportFilters) {
  const { rows } = await sql<{
    team_id: string | null;
    name: string | null;
    conversations: string;
  }>`
    select k.team_id, t.name, count(*) as conversations
    from (${countedConversations(filters)}) k
    left join teams t on t.account_id = ${filters.accountId} and t.id = k.team_id
    group by 1, 2 order by 3 desc, 2`.execute(db);
  return rows.map((row) => ({
    teamId: row.team_id,
    team: row.name,
    conversations: Number(row.conversations),
  }));
}

/** Counted conversations per day and value of a triage column (sentiment, category). */
export async function trendReport(
  db: Kysely<DB>,
  filters: ReportFilters,
  column: "sentiment" | "category",
) {
  const zone = await accountTimeZone(db, filters.accountId);
  const { rows } = await sql<{ day: string; key: string | null; conversations: string }>`
    select ${day(zone, "first_in")} as day, ${sql.ref(column)} as key, count(*) as conversations
    from (${countedConversations(filters)}) t
    group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((row) => ({
    day: row.day,
    [column]: row.key,
    conversations: Number(row.conversations),
  }));
}
