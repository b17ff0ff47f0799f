import type { Kysely } from "kysely";
import type { TArticleUpdateRequest } from "../../shared/articles.ts";
import type { Actor } from "../auth/actor.ts";
import type { Article } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";
import { checkCategory, freeSlug, translationRoot } from "../models/articles.ts";
import { updateOwned } from "../models/owned.ts";
import { revisionKeeper } from "./articleCreator.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Changes an article (text, category, status, slug, the original it translates) and keeps the
 * new state as a revision. Publishing stamps the first publication; a slug never changes unless
 * asked, so public addresses hold.
 */
export async function articleUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; article: Article; changes: TArticleUpdateRequest },
): Promise<Article> {
  const { actor, article, changes } = props;
  const { accountId } = actor;
  if (changes.categoryId !== undefined) await checkCategory(db, accountId, changes.categoryId);
  const root =
    changes.translationOf === undefined
      ? undefined
      : await translationRoot(db, accountId, changes.translationOf, article.locale, article.id);
  const slug =
    changes.slug === undefined || changes.slug === article.slug
      ? undefined
      : await freeSlug(
          db,
          accountId,
          article.locale,
          { given: changes.slug, fromTitle: "" },
          article.id,
        );
  const publishing = changes.status === "published" && article.published_at === null;
  return changeRecorder(db, {
    actor,
    action: "article.update",
    subjectType: "article",
    write: async (trx) => {
      const row = await updateOwned(trx, "articles", accountId, article.id, {
        title: changes.title,
        body: changes.body,
        status: changes.status,
        category_id: changes.categoryId,
        translation_of: root,
        slug,
        published_at: publishing ? new Date() : undefined,
        updated_at: new Date(),
      });
      await revisionKeeper(trx, row, actor.userId);
      return row;
    },
    data: () => ({ changes: Object.keys(changes) }),
    event: (row) => ({
      name: "article.updated",
      payload: { articleId: row.id, changes: Object.keys(changes) },
    }),
  });
}
