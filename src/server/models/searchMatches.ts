import { type Kysely, sql } from "kysely";
import type { TSearchMatch } from "../../shared/schemas.ts";
import type { DB } from "../db/schema.ts";

/** How much of a long message the row shows around its first match. */
const SNIPPET_CHARS = 200;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * For each conversation found by a search, its latest message that matches, with the words that
 * matched as character ranges (never markup: the web app wraps them in <mark> as text nodes). A
 * word matches when its French or English stem is one of the query's (the search's own rules).
 */
export async function findSearchMatches(
  db: Kysely<DB>,
  accountId: string,
  conversationIds: readonly string[],
  q: string,
): Promise<Map<string, TSearchMatch>> {
  if (conversationIds.length === 0) return new Map();
  const messages = await db
    .selectFrom("messages")
    .select(["id", "conversation_id", "text"])
    .distinctOn("conversation_id")
    .where("account_id", "=", accountId)
    .where("conversation_id", "in", conversationIds)
    .where(sql<boolean>`search @@ relais_search_query(${q})`)
    .orderBy("conversation_id")
    .orderBy("created_at", "desc")
    .execute();
  if (messages.length === 0) return new Map();

  const words = [
    ...new Set(messages.flatMap((m) => (m.text.match(WORD) ?? []).map((w) => w.toLowerCase()))),
  ].slice(0, 2000);
  const matching = await sql<{ word: string }>`
    select w as word from unnest(${words}::text[]) as w
    where tsvector_to_array(relais_search_vector(w)) && coalesce((
      select array_agg(m[1]) from regexp_matches(relais_search_query(${q})::text, '''([^'']+)''', 'g') as m
    ), '{}')`.execute(db);
  const hits = new Set(matching.rows.map((row) => row.word));

  return new Map(
    messages.map((message) => [message.conversation_id, snippet(message.id, message.text, hits)]),
  );
}

function snippet(messageId: string, text: string, hits: Set<string>): TSearchMatch {
  const ranges: Array<{ start: number; end: number }> = [];
  for (const found of text.matchAll(WORD)) {
    if (hits.has(found[0].toLowerCase())) {
      ranges.push({ start: found.index, end: found.index + found[0].length });
    }
  }
  const first = ranges[0]?.start ?? 0;
  const from = text.length <= SNIPPET_CHARS ? 0 : Math.max(0, first - 60);
  const to = Math.min(text.length, from + SNIPPET_CHARS);
  const prefix = from > 0 ? "…" : "";
  const shown = prefix + text.slice(from, to) + (to < text.length ? "…" : "");
  return {
    messageId,
    text: shown,
    highlights: ranges
      .filter((range) => range.start >= from && range.end <= to)
      .map((range) => ({
        start: range.start - from + prefix.length,
        end: range.end - from + prefix.length,
      })),
  };
}
