import { type Kysely, sql } from "kysely";
import type { TListeningTestRequest, TMentionListQuery } from "../../shared/listening.ts";
import type { ListeningAlert } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { matchesQuery } from "../listening/terms.ts";
import type { MentionRow } from "../presenters/listening.ts";
import { decodeCursor, encodeCursor, ZTimeCursor } from "../routes/cursor.ts";

/** Mentions with the queries that found them and the conversation holding them, if any. */
function mentionsOf(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom("mentions as m")
    .selectAll("m")
    .select((eb) => [
      sql<string[]>`coalesce((
        select array_agg(qm.query_id order by qm.query_id) from listening_query_mentions qm
        where qm.account_id = m.account_id and qm.mention_id = m.id), '{}')`.as("query_ids"),
      eb
        .selectFrom("messages as msg")
        .select("msg.conversation_id")
        .whereRef("msg.account_id", "=", "m.account_id")
        .whereRef("msg.id", "=", "m.message_id")
        .as("conversation_id"),
    ])
    .where("m.account_id", "=", accountId);
}

type MentionQuery = ReturnType<typeof mentionsOf>;

function filtered(query: MentionQuery, filters: TMentionListQuery): MentionQuery {
  return query
    .$if(Boolean(filters.queryId), (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("listening_query_mentions as f")
            .select("f.mention_id")
            .whereRef("f.account_id", "=", "m.account_id")
            .whereRef("f.mention_id", "=", "m.id")
            .where("f.query_id", "=", filters.queryId ?? ""),
        ),
      ),
    )
    .$if(Boolean(filters.sentiment), (q) => q.where("m.sentiment", "=", filters.sentiment!))
    .$if(Boolean(filters.language), (q) => q.where("m.language", "=", filters.language!))
    .$if(Boolean(filters.network), (q) => q.where("m.network", "=", filters.network!))
    .$if(Boolean(filters.q), (q) =>
      q.where(sql<boolean>`m.search @@ relais_search_query(${filters.q})`),
    ) as MentionQuery;
}

/** A page of mentions, newest first (by the time they were posted), with the next page's cursor. */
export async function listMentions(
  db: Kysely<DB>,
  accountId: string,
  filters: TMentionListQuery,
): Promise<{ rows: MentionRow[]; nextCursor?: string }> {
  const after = filters.cursor ? decodeCursor(filters.cursor, ZTimeCursor) : null;
  const rows = (await filtered(mentionsOf(db, accountId), filters)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple("m.posted_at", "m.id"),
          "<",
          eb.tuple(new Date(after![0]) as never, after![1] as never),
        ),
      ),
    )
    .orderBy("m.posted_at", "desc")
    .orderBy("m.id", "desc")
    .limit(filters.limit + 1)
    .execute()) as MentionRow[];
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > filters.limit && last
        ? encodeCursor([new Date(last.posted_at).toISOString(), last.id])
        : undefined,
  };
}

export async function findMention(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<MentionRow | undefined> {
  return (await mentionsOf(db, accountId).where("m.id", "=", id).executeTakeFirst()) as
    | MentionRow
    | undefined;
}

/** The stored mentions a query would have found, among the account's last 500. */
export async function testQueryOverMentions(
  db: Kysely<DB>,
  accountId: string,
  query: TListeningTestRequest,
): Promise<MentionRow[]> {
  const rows = (await mentionsOf(db, accountId)
    .orderBy("m.posted_at", "desc")
    .orderBy("m.id", "desc")
    .limit(500)
    .execute()) as MentionRow[];
  return rows.filter((row) => matchesQuery({ text: row.text, language: row.language }, query));
}

export function listAlerts(db: Kysely<DB>, accountId: string): Promise<ListeningAlert[]> {
  return db
    .selectFrom("listening_alerts")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}
