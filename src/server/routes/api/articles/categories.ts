import { articleCategoryCreator } from "../../../commands/articleCategoryCreator.ts";
import { listCategories } from "../../../models/articles.ts";
import { authorize } from "../../../policies/index.ts";
import { presentArticleCategory } from "../../../presenters/article.ts";
import { defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute } from "../../route.ts";
import { ZArticleCategory, ZArticleCategoryCreateRequest } from "./schema.ts";

const tags = ["Help centre"];

export const articleCategoryRoutes = [
  defineListRoute({
    url: "/api/v1/article-categories",
    summary: "The help centre's categories, in their order",
    tags,
    action: "article.read",
    item: ZArticleCategory,
    list: (db, actor) => listCategories(db, actor.accountId),
    present: presentArticleCategory,
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/article-categories",
    summary: "Create a category named in French and English (supervisors, admins)",
    tags,
    auth: "user",
    body: ZArticleCategoryCreateRequest,
    response: ZArticleCategory,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "article.manage");
      const category = await articleCategoryCreator(services.db, { actor, category: body });
      return { data: presentArticleCategory(category) };
    },
  }),
];
