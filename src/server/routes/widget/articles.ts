import { z } from "zod";
import { ZArticleHit } from "../../../shared/articles.ts";
import { publicUrl } from "../../env.ts";
import { notFound } from "../../errors.ts";
import { articleViewRecorder } from "../../help/engagement.ts";
import { articlePlainText, excerpt } from "../../help/markdown.ts";
import { publishedArticleById } from "../../help/published.ts";
import { searchArticles, unansweredSearchRecorder } from "../../help/search.ts";
import { loadAccount } from "../../models/accounts.ts";
import { defineRoute } from "../route.ts";
import { ZWidgetParams } from "./schema.ts";

const tags = ["Widget"];

const ZArticlesQuery = z.object({
  q: z.string().trim().min(2).max(200),
  lang: z.enum(["fr", "en"]).optional(),
});
const ZArticleViewRequest = z.object({ articleId: z.uuid() });

/** Help-centre articles the widget suggests as the visitor types, and the ones they open. */
export const widgetArticleRoutes = [
  defineRoute({
    method: "GET",
    url: "/widget/:channelId/articles",
    summary: "Published help-centre articles answering the visitor's words (at most 5)",
    tags,
    auth: "widget",
    params: ZWidgetParams,
    query: ZArticlesQuery,
    response: z.array(ZArticleHit),
    rateLimit: { max: 120, windowSeconds: 60 },
    async handle({ services, channel, query }) {
      const accountId = channel.row.account_id;
      const locale = query.lang ?? null;
      const hits = await searchArticles(services.db, { accountId, q: query.q, locale, limit: 5 });
      if (hits.length === 0) {
        await unansweredSearchRecorder(services.db, {
          accountId,
          q: query.q,
          locale: locale ?? "",
          source: "widget",
        });
      }
      const account = await loadAccount(services.db, accountId);
      const base = `${publicUrl(services.env)}/help/${account.slug}`;
      return {
        data: hits.map((hit) => ({
          id: hit.id,
          locale: hit.locale,
          slug: hit.slug,
          title: hit.title,
          excerpt: excerpt(articlePlainText(hit.body), 120),
          url: `${base}/${hit.locale}/articles/${hit.slug}`,
        })),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/widget/:channelId/article-views",
    summary:
      "The visitor opened a suggested article: counted, and shown to the agent of their chat",
    tags,
    auth: "visitor",
    params: ZWidgetParams,
    body: ZArticleViewRequest,
    response: z.object({ recorded: z.boolean() }),
    status: 201,
    rateLimit: { max: 60, windowSeconds: 60 },
    async handle({ services, session, body }) {
      const article = await publishedArticleById(services.db, session.account_id, body.articleId);
      if (!article) throw notFound("Article");
      await articleViewRecorder(services.db, {
        article,
        source: "widget",
        chatSessionId: session.id,
      });
      return { data: { recorded: true } };
    },
  }),
];
