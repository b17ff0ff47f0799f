import type { Kysely } from "kysely";
import type { TArticleCreateRequest } from "../../shared/articles.ts";
import type { Actor } from "../auth/actor.ts";
import type { Article } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";
import { slugify } from "../help/markdown.ts";
import { checkCategory, freeSlug, translationRoot } from "../models/articles.ts";
import { insertOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Keeps the article's state as one revision (every save, the first included). */
export async function revisionKeeper(
  trx: Kysely<DB>,
  article: Article,
  editorUserId: string | null,
): Promise<void> {
  await trx
    .insertInto("article_revisions")
    .values({
      account_id: article.account_id,
      article_id: article.id,
      title: article.title,
      body: article.body,
      status: article.status,
      category_id: article.category_id,
      editor_user_id: editorUserId,
    })
    .execute();
}

/**
 * Creates a help-centre article in one language, possibly as the translation of another; its
 * slug is unique in the account and language (made from the title when none is given).
 */
export async function articleCreator(
  db: Kysely<DB>,
  props: { actor: Actor; article: TArticleCreateRequest },
): Promise<Article> {
  const { actor, article } = props;
  const { accountId } = actor;
  await checkCategory(db, accountId, article.categoryId);
  const root = await translationRoot(db, accountId, article.translationOf, article.locale);
  const slug = await freeSlug(db, accountId, article.locale, {
    given: article.slug,
    fromTitle: slugify(article.title),
  });
  return changeRecorder(db, {
    actor,
    action: "article.create",
    subjectType: "article",
    write: async (trx) => {
      const row = await insertOwned(trx, "articles", {
        account_id: accountId,
        locale: article.locale,
        slug,
        title: article.title,
        body: article.body,
        status: article.status,
        category_id: article.categoryId ?? null,
        translation_of: root,
        published_at: article.status === "published" ? new Date() : null,
        created_by: actor.userId,
      });
      await revisionKeeper(trx, row, actor.userId);
      return row;
    },
    data: (row) => ({ title: row.title, locale: row.locale, status: row.status }),
    event: (row) => ({ name: "article.created", payload: { articleId: row.id } }),
  });
}
