import { type Kysely, sql } from "kysely";
import type { HelpLocale } from "../../shared/articles.ts";
import type { Article, ArticleCategory } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";

/*
 * What the public help centre reads: published articles of one account only. Every query is
 * scoped by the account the path's slug names and by `status = 'published'`, so drafts and other
 * accounts' articles are never shown.
 */

export async function findHelpAccount(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom("accounts")
    .select(["id", "slug", "name", "public_name", "locale"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}
export type HelpAccount = NonNullable<Awaited<ReturnType<typeof findHelpAccount>>>;

const published = (db: Kysely<DB>, accountId: string) =>
  db
    .selectFrom("articles")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("status", "=", "published");

export async function publishedArticle(
  db: Kysely<DB>,
  accountId: string,
  locale: HelpLocale,
  slug: string,
): Promise<Article | undefined> {
  return published(db, accountId)
    .where("locale", "=", locale)
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function publishedArticleById(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<Article | undefined> {
  return published(db, accountId).where("id", "=", id).executeTakeFirst();
}

/** The published versions of the same article in other languages. */
export async function publishedTranslations(db: Kysely<DB>, article: Article): Promise<Article[]> {
  const root = article.translation_of ?? article.id;
  return published(db, article.account_id)
    .where((eb) => eb.or([eb("id", "=", root), eb("translation_of", "=", root)]))
    .where("id", "!=", article.id)
    .execute();
}

/** The language's published articles, most helpful and most read first. */
export async function publishedInLocale(
  db: Kysely<DB>,
  accountId: string,
  locale: HelpLocale,
  categoryId?: string,
): Promise<Article[]> {
  return published(db, accountId)
    .where("locale", "=", locale)
    .$if(categoryId !== undefined, (q) => q.where("category_id", "=", categoryId ?? ""))
    .orderBy(sql`helpful_count - unhelpful_count`, "desc")
    .orderBy("view_count", "desc")
    .orderBy("title")
    .limit(500)
    .execute();
}

export async function helpCategories(
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

/** Every published article of the account (the sitemap), with its translations' slugs. */
export async function allPublished(db: Kysely<DB>, accountId: string): Promise<Article[]> {
  return published(db, accountId).orderBy("locale").orderBy("slug").limit(50_000).execute();
}
