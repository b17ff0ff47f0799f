import { z } from "zod";
import { articleCreator } from "../../../commands/articleCreator.ts";
import { articleUpdater } from "../../../commands/articleUpdater.ts";
import { helpBase } from "../../../help/urls.ts";
import {
  articleStats,
  articleTranslations,
  listArticles,
  listRevisions,
  translationsOf,
} from "../../../models/articles.ts";
import { authorize } from "../../../policies/index.ts";
import {
  presentArticle,
  presentArticleRevision,
  presentArticleStats,
} from "../../../presenters/article.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineDeleteRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZArticle,
  ZArticleCreateRequest,
  ZArticleListQuery,
  ZArticleRevision,
  ZArticleStats,
  ZArticleUpdateRequest,
} from "./schema.ts";

const tags = ["Help centre"];

export const articleRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/articles",
    summary: "The account's help-centre articles (drafts included), latest change first",
    tags,
    auth: "user",
    query: ZArticleListQuery,
    response: z.array(ZArticle),
    async handle({ services, actor, query }) {
      authorize(actor, "article.read");
      const rows = await listArticles(services.db, actor.accountId, query);
      const translations = await translationsOf(services.db, actor.accountId, rows);
      const base = await helpBase(services.db, services.env, actor.accountId);
      return {
        data: rows.map((row) => presentArticle(row, translations.get(row.id) ?? [], base)),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/articles",
    summary:
      "Write an article in French or English, possibly translating another (supervisors, admins)",
    tags,
    auth: "user",
    body: ZArticleCreateRequest,
    response: ZArticle,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "article.manage");
      const article = await articleCreator(services.db, { actor, article: body });
      const translations = await articleTranslations(services.db, article);
      const base = await helpBase(services.db, services.env, actor.accountId);
      return { data: presentArticle(article, translations, base) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/articles/:id",
    summary: "One article, with its Markdown rendered and sanitised, and its translations",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZArticle,
    async handle({ services, actor, params }) {
      const article = await loadAuthorized(
        services.db,
        actor,
        "article.read",
        "articles",
        params.id,
      );
      const translations = await articleTranslations(services.db, article);
      const base = await helpBase(services.db, services.env, actor.accountId);
      return { data: presentArticle(article, translations, base) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/articles/:id",
    summary: "Change, publish or unpublish an article; each save is kept as a revision",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZArticleUpdateRequest,
    response: ZArticle,
    async handle({ services, actor, params, body }) {
      const article = await loadAuthorized(
        services.db,
        actor,
        "article.manage",
        "articles",
        params.id,
      );
      const changed = await articleUpdater(services.db, { actor, article, changes: body });
      const translations = await articleTranslations(services.db, changed);
      const base = await helpBase(services.db, services.env, actor.accountId);
      return { data: presentArticle(changed, translations, base) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/articles/:id",
    summary: "Delete an article, its revisions and feedback (supervisors, admins)",
    tags,
    table: "articles",
    action: "article.manage",
    subjectType: "article",
    data: (row) => ({ title: row.title, locale: row.locale }),
    event: (row) => ({ name: "article.deleted", payload: { articleId: row.id } }),
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/articles/:id/revisions",
    summary: "Every saved version of an article, newest first, with who saved it",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(ZArticleRevision),
    async handle({ services, actor, params }) {
      const article = await loadAuthorized(
        services.db,
        actor,
        "article.read",
        "articles",
        params.id,
      );
      const rows = await listRevisions(services.db, actor.accountId, article.id);
      return { data: rows.map(presentArticleRevision) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/articles/:id/stats",
    summary:
      "Views, helpful and not helpful answers with their comments, and the help centre's searches that found nothing (30 days)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZArticleStats,
    async handle({ services, actor, params }) {
      const article = await loadAuthorized(
        services.db,
        actor,
        "article.read",
        "articles",
        params.id,
      );
      return { data: presentArticleStats(article, await articleStats(services.db, article)) };
    },
  }),
];
