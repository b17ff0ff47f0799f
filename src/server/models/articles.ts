import { type Kysely, sql } from "kysely";
import type { TArticleListQuery } from "../../shared/articles.ts";
import type { Article, ArticleCategory } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";
import { conflict, notFound, validationFailed } from "../errors.ts";

/** The account's articles, newest change first; `q` searches title and body (drafts included). */
export async function listArticles(
  db: Kysely<DB>,
  accountId: string,
  query: TArticleListQuery,
): Promise<Article[]> {
  return db
    .selectFrom("articles")
    .selectAll()
    .where("account_id", "=", accountId)
    .$if(query.locale !== undefined, (q) => q.where("locale", "=", query.locale ?? "fr"))
    .$if(query.status !== undefined, (q) => q.where("status", "=", query.status ?? "draft"))
    .$if(query.categoryId !== undefined, (q) => q.where("category_id", "=", query.categoryId ?? ""))
    .$if(query.q !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          sql<boolean>`search @@ relais_search_query(${query.q})`,
          sql<boolean>`title_folded like '%' || lower(relais_unaccent(${query.q})) || '%'`,
        ]),
      ),
    )
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(500)
    .execute();
}

/** The other languages' versions of an article: its original and the original's translations. */
export async function articleTranslations(db: Kysely<DB>, article: Article): Promise<Article[]> {
  const root = article.translation_of ?? article.id;
  return db
    .selectFrom("articles")
    .selectAll()
    .where("account_id", "=", article.account_id)
    .where((eb) => eb.or([eb("id", "=", root), eb("translation_of", "=", root)]))
    .where("id", "!=", article.id)
    .orderBy("locale")
    .execute();
}

/** Translations of many articles at once (lists), by article id. */
export async function translationsOf(
  db: Kysely<DB>,
  accountId: string,
  articles: Article[],
): Promise<Map<string, Article[]>> {
  const roots = [...new Set(articles.map((a) => a.translation_of ?? a.id))];
  const byId = new Map<string, Article[]>();
  if (roots.length === 0) return byId;
  const group = await db
    .selectFrom("articles")
    .selectAll()
    .where("account_id", "=", accountId)
    .where((eb) => eb.or([eb("id", "in", roots), eb("translation_of", "in", roots)]))
    .execute();
  for (const article of articles) {
    const root = article.translation_of ?? article.id;
    byId.set(
      article.id,
      group.filter(
        (other) => other.id !== article.id && (other.id === root || other.translation_of === root),
      ),
    );
  }
  return byId;
}

/** 409 when another article of the account in this language has the slug. */
export async function slugTaken(
  db: Kysely<DB>,
  accountId: string,
  locale: string,
  slug: string,
  exceptId?: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("articles")
    .select("id")
    .where("account_id", "=", accountId)
    .where("locale", "=", locale as "fr")
    .where("slug", "=", slug)
    .$if(Boolean(exceptId), (q) => q.where("id", "!=", exceptId ?? ""))
    .executeTakeFirst();
  return row !== undefined;
}

/** A free slug for a new article: the given one (409 when taken), or the title's with -2, -3… */
export async function freeSlug(
  db: Kysely<DB>,
  accountId: string,
  locale: string,
  wanted: { given?: string; fromTitle: string },
  exceptId?: string,
): Promise<string> {
  if (wanted.given) {
    if (await slugTaken(db, accountId, locale, wanted.given, exceptId)) {
      throw conflict("slug_exists", `Another ${locale} article has the slug "${wanted.given}".`);
    }
    return wanted.given;
  }
  for (let n = 1; n < 100; n += 1) {
    const slug = n === 1 ? wanted.fromTitle : `${wanted.fromTitle.slice(0, 110)}-${n}`;
    if (!(await slugTaken(db, accountId, locale, slug, exceptId))) return slug;
  }
  throw conflict("slug_exists", "Give this article a slug of its own.");
}

/** The category named by a request, which must be the account's (400 otherwise). */
export async function checkCategory(
  db: Kysely<DB>,
  accountId: string,
  categoryId: string | null | undefined,
): Promise<void> {
  if (!categoryId) return;
  const row = await db
    .selectFrom("article_categories")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "=", categoryId)
    .executeTakeFirst();
  if (!row) throw validationFailed('Invalid field "categoryId": no such category.');
}

/**
 * The original a new translation points to: an article of the account in the other language
 * (a translation's own original when it is one), with no version in `locale` yet.
 */
export async function translationRoot(
  db: Kysely<DB>,
  accountId: string,
  translationOf: string | null | undefined,
  locale: string,
  exceptId?: string,
): Promise<string | null> {
  if (!translationOf) return null;
  const target = await db
    .selectFrom("articles")
    .select(["id", "translation_of"])
    .where("account_id", "=", accountId)
    .where("id", "=", translationOf)
    .executeTakeFirst();
  if (!target) throw notFound("Article");
  const root = target.translation_of ?? target.id;
  if (root === exceptId) throw validationFailed("An article cannot translate itself.");
  const sameLocale = await db
    .selectFrom("articles")
    .select("id")
    .where("account_id", "=", accountId)
    .where("locale", "=", locale as "fr")
    .where((eb) => eb.or([eb("id", "=", root), eb("translation_of", "=", root)]))
    .$if(Boolean(exceptId), (q) => q.where("id", "!=", exceptId ?? ""))
    .executeTakeFirst();
  if (sameLocale) {
    throw conflict("translation_exists", `This article already has a ${locale} version.`);
  }
  return root;
}

export interface RevisionRow {
  id: string;
  title: string;
  body: string;
  status: string;
  category_id: string | null;
  editor_user_id: string | null;
  editor_name: string | null;
  created_at: Date;
}

/** Every saved version of the article, newest first, with who saved it. */
export async function listRevisions(
  db: Kysely<DB>,
  accountId: string,
  articleId: string,
): Promise<RevisionRow[]> {
  return db
    .selectFrom("article_revisions as r")
    .leftJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "r.account_id").onRef("u.id", "=", "r.editor_user_id"),
    )
    .select([
      "r.id",
      "r.title",
      "r.body",
      "r.status",
      "r.category_id",
      "r.editor_user_id",
      "u.name as editor_name",
      "r.created_at",
    ])
    .where("r.account_id", "=", accountId)
    .where("r.article_id", "=", articleId)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .execute();
}

/** The feedback left on an article, newest first, and the account's recent searches that found nothing. */
export async function articleStats(db: Kysely<DB>, article: Article) {
  const feedback = await db
    .selectFrom("article_feedback")
    .select(["helpful", "comment", "created_at"])
    .where("account_id", "=", article.account_id)
    .where("article_id", "=", article.id)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
  const unanswered = await db
    .selectFrom("help_searches")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", article.account_id)
    .where("created_at", ">", new Date(Date.now() - 30 * 86_400_000))
    .executeTakeFirst();
  return { feedback, searchesWithoutResult: Number(unanswered?.n ?? 0) };
}

/** What customers searched for and did not find, grouped, most asked first (last 30 days). */
export async function unansweredSearches(db: Kysely<DB>, accountId: string) {
  const rows = await db
    .selectFrom("help_searches")
    .select([
      sql<string>`lower(query)`.as("query"),
      "locale",
      sql<number>`count(*)`.as("count"),
      sql<Date>`max(created_at)`.as("last_at"),
    ])
    .where("account_id", "=", accountId)
    .where("created_at", ">", new Date(Date.now() - 30 * 86_400_000))
    .groupBy([sql`lower(query)`, "locale"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy(sql`max(created_at)`, "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** The account's categories in their order. */
export async function listCategories(
  db: Kysely<DB>,
  accountId: string,
): Promise<ArticleCategory[]> {
  return db
    .selectFrom("article_categories")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("position")
    .orderBy("name_fr")
    .execute();
}
