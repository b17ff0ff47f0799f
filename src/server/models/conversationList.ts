import {
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
} from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import type { TConversationListQuery } from "../routes/api/conversations/schema.ts";
import { decodeCursor, encodeCursor, ZKeyCursor } from "../routes/cursor.ts";
import { type ConversationRow, countByStatus, selectConversationRows } from "./conversations.ts";

/** "Breaching soon": a running clock past its warning, or due within this many minutes. */
export const DUE_SOON_MINUTES = 60;

/** Waiting conversations sort before the others: their key is offset by this much. */
const WAITING_OFFSET = 10_000_000_000_000;

function sortKey(sort: TConversationListQuery["sort"]): { key: RawBuilder<number>; desc: boolean } {
  const epoch = (column: string) =>
    sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;
  switch (sort) {
    case "recent":
      return { key: epoch("c.last_message_at"), desc: true };
    case "waiting_oldest":
      return {
        key: sql<number>`(case when c.waiting_since is null then ${sql.lit(WAITING_OFFSET)} else 0 end
          + (extract(epoch from coalesce(c.waiting_since, c.last_message_at)) * 1000))::float8`,
        desc: false,
      };
    case "sla_due":
      // The nearest due time of the conversation's running SLA clocks, kept by the reconciler
      // (`refreshSlaDueKey`), so the `conversations_sla_due` index serves the sort; those
      // without one last.
      return { key: sql<number>`c.sla_due_key`, desc: false };
    case "waiting_newest":
      return {
        key: sql<number>`(case when c.waiting_since is null then 0 else ${sql.lit(WAITING_OFFSET)} end
          + (extract(epoch from coalesce(c.waiting_since, c.last_message_at)) * 1000))::float8`,
        desc: true,
      };
  }
}

/**
 * "breached": a running clock that has breached; "due_soon": a running clock past its warning or
 * due within the hour. The `due_at` bound is implied by either case (a warning comes at most
 * `warn_before_minutes` before the due time); it lets the `sla_clocks_running` index read only
 * the clocks due soon, as `sla_clocks_breached` reads only the breached ones.
 */
type ConversationListTables = DB & { c: DB["conversations"] };

export function slaFilter(sla: NonNullable<TConversationListQuery["sla"]>) {
  return ({ exists, selectFrom }: ExpressionBuilder<ConversationListTables, "c">) =>
    exists(
      selectFrom("sla_clocks as s")
        .select(sql`1`.as("one"))
        .whereRef("s.account_id", "=", "c.account_id")
        .whereRef("s.conversation_id", "=", "c.id")
        .where("s.met_at", "is", null)
        .where("s.superseded_at", "is", null)
        .where(
          sla === "breached"
            ? sql<boolean>`s.breached_at is not null`
            : sql<boolean>`s.breached_at is null and s.due_at is not null
                and s.due_at <= now() + make_interval(mins => greatest(${sql.lit(DUE_SOON_MINUTES)}, coalesce(s.warn_before_minutes, 0)))
                and (s.warn_at <= now() or s.due_at <= now() + make_interval(mins => ${sql.lit(DUE_SOON_MINUTES)}))`,
        ),
    );
}

// biome-ignore lint/suspicious/noExplicitAny: the filters apply to the row query and the count query alike
type ConversationQuery = SelectQueryBuilder<ConversationListTables, "c", any>;

/**
 * The ids of the conversations whose messages, contact or subject match: each side read once
 * through its account-first search index. Asked first and on their own: inside the list query
 * the planner misjudges how few a rare word finds and scans the whole account instead.
 */
async function searchConversationIds(db: Kysely<DB>, accountId: string, q: string) {
  const matches = sql<boolean>`relais_search_query(${q})`;
  const rows = await db
    .selectFrom("messages as sm")
    .select("sm.conversation_id as id")
    .where("sm.account_id", "=", accountId)
    .where(sql<boolean>`sm.search @@ ${matches}`)
    .union(
      db
        .selectFrom("conversations as sj")
        .select("sj.id")
        .where("sj.account_id", "=", accountId)
        .where("sj.subject", "is not", null)
        .where(sql<boolean>`sj.subject_search @@ ${matches}`),
    )
    .union(
      db
        .selectFrom("contacts as sc")
        .innerJoin("conversations as sk", (join) =>
          join.onRef("sk.account_id", "=", "sc.account_id").onRef("sk.contact_id", "=", "sc.id"),
        )
        .select("sk.id")
        .where("sc.account_id", "=", accountId)
        .where(sql<boolean>`sc.search @@ ${matches}`),
    )
    .execute();
  return rows.map((row) => row.id);
}

/** `c.id` among these ids, sent as one JSON parameter however many they are. */
function idAmong(ids: readonly string[]) {
  return sql<boolean>`c.id in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`;
}

export interface ConversationPage {
  rows: ConversationRow[];
  nextCursor?: string;
  counts: Awaited<ReturnType<typeof countByStatus>>;
}

/**
 * The inbox's filters, on the conversation's own columns only, so that the counts read the
 * conversations alone (no join to contacts: an index-only count per status). `found` is the
 * search's answer (see `searchConversationIds`), null without a search.
 */
function filterConversations<T extends ConversationQuery>(
  qb: T,
  actor: Actor,
  query: TConversationListQuery,
  found: readonly string[] | null,
): T {
  let base = qb as ConversationQuery;
  if (query.channelId) base = base.where("c.channel_id", "=", query.channelId);
  if (query.teamId) base = base.where("c.team_id", "=", query.teamId);
  if (query.contactId) base = base.where("c.contact_id", "=", query.contactId);
  if (query.category) base = base.where("c.category", "=", query.category);
  if (query.language) base = base.where("c.language", "=", query.language);
  if (query.sentiment) base = base.where("c.sentiment", "=", query.sentiment);
  if (query.priority) base = base.where("c.priority", "=", query.priority);
  if (query.assigneeId === "me") base = base.where("c.assignee_id", "=", actor.userId);
  else if (query.assigneeId === "none") base = base.where("c.assignee_id", "is", null);
  else if (query.assigneeId) base = base.where("c.assignee_id", "=", query.assigneeId);
  if (query.sla) base = base.where(slaFilter(query.sla));
  if (query.label) base = base.where(sql<boolean>`c.labels @> array[${query.label}]::text[]`);
  if (found) base = base.where(idAmong(found));
  if (query.spam === "only") base = base.where("c.spam_at", "is not", null);
  else if (query.spam !== "include") base = base.where("c.spam_at", "is", null);
  return base as T;
}

/** The account's conversations the inbox query's filters and search keep (any status). */
function filteredConversations(
  db: Kysely<DB>,
  actor: Actor,
  query: TConversationListQuery,
  found: readonly string[] | null,
) {
  return filterConversations(
    selectConversationRows(db, actor.accountId, actor.userId),
    actor,
    query,
    found,
  );
}

/** One page of the filtered conversations: status, sort, keyset cursor, one row extra. */
function pageOf(base: ReturnType<typeof filteredConversations>, query: TConversationListQuery) {
  let page = base;
  if (query.status && query.status.length > 0) page = page.where("c.status", "in", query.status);
  const { key, desc } = sortKey(query.sort);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor, ZKeyCursor);
    page = page.where(
      desc
        ? sql<boolean>`(${key}, c.id) < (${value}::float8, ${id}::uuid)`
        : sql<boolean>`(${key}, c.id) > (${value}::float8, ${id}::uuid)`,
    );
  }
  // Last activity orders by the column itself (the same order as its key) so that the
  // `conversations_recent` index gives the first page without sorting the whole account.
  return page
    .select(key.as("sort_key"))
    .orderBy(query.sort === "recent" ? sql.ref("c.last_message_at") : key, desc ? "desc" : "asc")
    .orderBy("c.id", desc ? "desc" : "asc")
    .limit(query.limit + 1);
}

/** The statement that reads one inbox page without a search (for `EXPLAIN` in tests). */
export function conversationPageQuery(db: Kysely<DB>, actor: Actor, query: TConversationListQuery) {
  return pageOf(filteredConversations(db, actor, query, null), query);
}

/** The inbox: filtered, searched, keyset-paginated, with counts per status. */
export async function listConversations(
  db: Kysely<DB>,
  actor: Actor,
  query: TConversationListQuery,
): Promise<ConversationPage> {
  const found = query.q ? await searchConversationIds(db, actor.accountId, query.q) : null;
  const counts = await countByStatus(
    filterConversations(
      db.selectFrom("conversations as c").where("c.account_id", "=", actor.accountId),
      actor,
      query,
      found,
    ),
  );
  const rows = await pageOf(filteredConversations(db, actor, query, found), query).execute();
  const more = rows.length > query.limit;
  const visible = rows.slice(0, query.limit);
  const last = visible.at(-1);
  return {
    rows: visible,
    nextCursor: more && last ? encodeCursor([Number(last.sort_key), last.id]) : undefined,
    counts,
  };
}

export interface InboxCounts {
  mine: number;
  unassigned: number;
  all: number;
  teams: Record<string, number>;
}

/** Open conversations per inbox view: the user's, nobody's, all, and each team's. */
export async function countInboxViews(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<InboxCounts> {
  const row = await db
    .selectFrom("conversations")
    .where("account_id", "=", accountId)
    .where("status", "=", "open")
    .select((eb) => [
      eb.fn.countAll<number>().as("all"),
      eb.fn.count<number>("id").filterWhere("assignee_id", "=", userId).as("mine"),
      eb.fn.count<number>("id").filterWhere("assignee_id", "is", null).as("unassigned"),
    ])
    .executeTakeFirstOrThrow();
  const teams = await db
    .selectFrom("conversations")
    .where("account_id", "=", accountId)
    .where("status", "=", "open")
    .where("team_id", "is not", null)
    .select((eb) => ["team_id", eb.fn.countAll<number>().as("count")])
    .groupBy("team_id")
    .execute();
  return {
    mine: Number(row.mine),
    unassigned: Number(row.unassigned),
    all: Number(row.all),
    teams: Object.fromEntries(teams.map((team) => [team.team_id, Number(team.count)])),
  };
}

export interface QueueSummary {
  unassignedWaiting: number;
  oldestWaiting: { id: string; waitingSince: string } | null;
  urgent: number;
  breached: number;
  dueSoon: number;
}

/** What waits in the account's open queue: the figures above the inbox list. */
export async function summarizeQueue(db: Kysely<DB>, accountId: string): Promise<QueueSummary> {
  const open = db
    .selectFrom("conversations as c")
    .where("c.account_id", "=", accountId)
    .where("c.status", "=", "open");
  const [counts, oldest] = await Promise.all([
    open
      .select((eb) => [
        eb.fn
          .count<number>("c.id")
          .filterWhere((f) =>
            f.and([f("c.assignee_id", "is", null), f("c.waiting_since", "is not", null)]),
          )
          .as("unassigned_waiting"),
        eb.fn.count<number>("c.id").filterWhere("c.priority", "=", "urgent").as("urgent"),
        eb.fn.count<number>("c.id").filterWhere(slaFilter("breached")).as("breached"),
        eb.fn.count<number>("c.id").filterWhere(slaFilter("due_soon")).as("due_soon"),
      ])
      .executeTakeFirstOrThrow(),
    open
      .select(["c.id", "c.waiting_since"])
      .where("c.waiting_since", "is not", null)
      .orderBy("c.waiting_since")
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    unassignedWaiting: Number(counts.unassigned_waiting),
    oldestWaiting:
      oldest?.waiting_since != null
        ? { id: oldest.id, waitingSince: new Date(oldest.waiting_since).toISOString() }
        : null,
    urgent: Number(counts.urgent),
    breached: Number(counts.breached),
    dueSoon: Number(counts.due_soon),
  };
}
