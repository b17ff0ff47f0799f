import { type Kysely, sql } from "kysely";
import type { HelpLocale } from "../../shared/articles.ts";
import type { HelpSearchSource } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";

export interface ArticleHitRow {
  id: string;
  locale: HelpLocale;
  slug: string;
  title: string;
  body: string;
  score: number;
}

/** Queries up to this length also try trigram similarity on titles (typos in a word or two). */
const SHORT_QUERY = 40;
/** Lowest word similarity between a short query and a title for a typo to count as a match. */
const TYPO_SIMILARITY = 0.35;

/*
 * Relevance times helpfulness: ts_rank_cd over the French+English vector (titles weigh more
 * than bodies), multiplied by 0.5 + the Laplace-smoothed share of "helpful" answers, so an
 * article readers found useful rises and one they did not sinks, without new articles (no
 * answer yet: ×1) being buried.
 */
const HELPFULNESS = sql<number>`(0.5 + (a.helpful_count + 1)::float8 / (a.helpful_count + a.unhelpful_count + 2))`;

async function fullText(
  db: Kysely<DB>,
  props: { accountId: string; q: string; locale: HelpLocale | null; limit: number; any: boolean },
): Promise<ArticleHitRow[]> {
  // Every word (websearch syntax), or — when that found nothing — any of them.
  const query = props.any
    ? sql`replace(relais_search_query(${props.q})::text, ' & ', ' | ')::tsquery`
    : sql`relais_search_query(${props.q})`;
  const { rows } = await sql<ArticleHitRow>`
    select a.id, a.locale, a.slug, a.title, a.body,
           ts_rank_cd(a.search, q.query) * ${HELPFULNESS} as score
      from articles a, (select ${query} as query) q
     where a.account_id = ${props.accountId}
       and a.status = 'published'
       and a.search @@ q.query
     order by (a.locale = ${props.locale ?? ""}) desc, score desc, a.view_count desc, a.id
     limit ${props.limit}`.execute(db);
  return rows;
}

async function typoTolerant(
  db: Kysely<DB>,
  props: { accountId: string; q: string; locale: HelpLocale | null; limit: number },
): Promise<ArticleHitRow[]> {
  // The trigram index answers `<%` at the threshold set for this transaction only.
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_SIMILARITY)}, true)`.execute(
      trx,
    );
    const { rows } = await sql<ArticleHitRow>`
      select a.id, a.locale, a.slug, a.title, a.body,
             word_similarity(f.q, a.title_folded) * ${HELPFULNESS} as score
        from articles a, (select lower(relais_unaccent(${props.q})) as q) f
       where a.account_id = ${props.accountId}
         and a.status = 'published'
         and f.q <% a.title_folded
       order by (a.locale = ${props.locale ?? ""}) desc, score desc, a.view_count desc, a.id
       limit ${props.limit}`.execute(trx);
    return rows;
  });
}

/** The page's language only, when it has any hit; else whatever language answered. */
function preferLocale(rows: ArticleHitRow[], locale: HelpLocale | null): ArticleHitRow[] {
  const own = rows.filter((row) => row.locale === locale);
  return own.length > 0 ? own : rows;
}

/**
 * The account's published articles that answer a customer's words: full-text search with French
 * and English stemming over accent-folded text (every word, then any word), then — for short
 * queries that still found nothing — trigram similarity of titles, which forgives a typo.
 * Ranked by relevance and helpfulness; the page's language first, the other when it has none.
 */
export async function searchArticles(
  db: Kysely<DB>,
  props: { accountId: string; q: string; locale: HelpLocale | null; limit?: number },
): Promise<ArticleHitRow[]> {
  const q = props.q.trim().slice(0, 200);
  if (!q) return [];
  const base = { accountId: props.accountId, q, locale: props.locale, limit: props.limit ?? 10 };
  const all = await fullText(db, { ...base, any: false });
  if (all.length > 0) return preferLocale(all, props.locale);
  const any = await fullText(db, { ...base, any: true });
  if (any.length > 0) return preferLocale(any, props.locale);
  if (q.length > SHORT_QUERY) return [];
  return preferLocale(await typoTolerant(db, base), props.locale);
}

/** Keeps a search that found nothing, for the team's list of unanswered questions. */
export async function unansweredSearchRecorder(
  db: Kysely<DB>,
  props: { accountId: string; q: string; locale: string; source: HelpSearchSource },
): Promise<void> {
  const query = props.q.trim().slice(0, 200);
  if (query.length < 2) return;
  await db
    .insertInto("help_searches")
    .values({
      account_id: props.accountId,
      query,
      locale: props.locale,
      source: props.source,
    })
    .execute();
}
