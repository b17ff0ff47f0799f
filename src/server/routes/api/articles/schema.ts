import { z } from "zod";

export {
  ZArticle,
  ZArticleCategory,
  ZArticleCategoryCreateRequest,
  ZArticleCreateRequest,
  ZArticleListQuery,
  ZArticleRevision,
  ZArticleStats,
  ZArticleUpdateRequest,
  ZUnansweredSearch,
} from "../../../../shared/articles.ts";

export const ZArticleDeleted = z.object({ deleted: z.boolean() });
