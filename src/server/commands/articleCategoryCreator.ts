import type { Kysely } from "kysely";
import type { TArticleCategoryCreateRequest } from "../../shared/articles.ts";
import type { Actor } from "../auth/actor.ts";
import type { ArticleCategory } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";
import { conflict } from "../errors.ts";
import { slugify } from "../help/markdown.ts";
import { insertOwned } from "../models/owned.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Creates a help-centre category named in French and English; its slug is unique in the account. */
export async function articleCategoryCreator(
  db: Kysely<DB>,
  props: { actor: Actor; category: TArticleCategoryCreateRequest },
): Promise<ArticleCategory> {
  const { actor, category } = props;
  const slug = category.slug ?? slugify(category.name.fr);
  const taken = await db
    .selectFrom("article_categories")
    .select("id")
    .where("account_id", "=", actor.accountId)
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (taken) throw conflict("slug_exists", `Another category has the slug "${slug}".`);
  return changeRecorder(db, {
    actor,
    action: "article_category.create",
    subjectType: "article_category",
    write: (trx) =>
      insertOwned(trx, "article_categories", {
        account_id: actor.accountId,
        slug,
        name_fr: category.name.fr,
        name_en: category.name.en,
        position: category.position,
      }),
    data: (row) => ({ slug: row.slug, name: category.name }),
  });
}
