import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HELP_LOCALES, type HelpLocale } from "../../../shared/articles.ts";
import { publicUrl } from "../../env.ts";
import { contactOptions } from "../../help/contact.ts";
import { articleFeedbackRecorder, articleViewRecorder } from "../../help/engagement.ts";
import { articlePlainText, excerpt } from "../../help/markdown.ts";
import type { HelpPageContext } from "../../help/pages/layout.ts";
import {
  articlePage,
  categoryPage,
  homePage,
  notFoundPage,
  searchPage,
  sitemap,
} from "../../help/pages/views.ts";
import {
  allPublished,
  findHelpAccount,
  type HelpAccount,
  helpCategories,
  publishedArticle,
  publishedInLocale,
  publishedTranslations,
} from "../../help/published.ts";
import { searchArticles, unansweredSearchRecorder } from "../../help/search.ts";
import { loadHelpSettings } from "../../help/settings.ts";
import type { Services } from "../../services.ts";

const ZLocale = z.enum(HELP_LOCALES);
const ZSearchQuery = z.object({
  q: z.string().max(200).optional().default(""),
  lang: ZLocale.optional(),
});
const ZFeedback = z.object({
  helpful: z.enum(["yes", "no"]),
  comment: z.string().max(2000).optional(),
});

/** `?lang=` first, then the browser's preferred of French and English, then the account's. */
export function pageLocale(request: FastifyRequest, accountLocale: string): HelpLocale {
  const asked = ZLocale.safeParse((request.query as { lang?: unknown } | undefined)?.lang);
  if (asked.success) return asked.data;
  const header = String(request.headers["accept-language"] ?? "");
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = params.find((param) => param.trim().startsWith("q="));
      return {
        lang: tag.trim().slice(0, 2).toLowerCase(),
        q: quality ? Number(quality.trim().slice(2)) : 1,
      };
    })
    .filter((entry) => entry.lang === "fr" || entry.lang === "en")
    .sort((a, b) => b.q - a.q);
  if (ranked[0]) return ranked[0].lang as HelpLocale;
  return accountLocale === "en" ? "en" : "fr";
}

/**
 * The public help centre, `/help/<account-slug>/…`: server-rendered HTML that works without
 * JavaScript (the widget's script only adds the chat), a JSON search and a sitemap. Only
 * published articles of the account the slug names are read.
 */
export async function helpCentrePlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const { db } = services;
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  const html = (reply: FastifyReply, status: number, page: string) =>
    reply
      .status(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(page);

  async function context(account: HelpAccount, locale: HelpLocale): Promise<HelpPageContext> {
    const settings = await loadHelpSettings(db, account.id);
    const base = `/help/${account.slug}`;
    return {
      locale,
      base,
      absoluteBase: `${publicUrl(services.env)}${base}`,
      centreName: settings.name ?? account.public_name ?? account.name,
      settings,
      contact: await contactOptions(db, account.id, settings),
    };
  }

  const noSuchCentre = (reply: FastifyReply) =>
    reply
      .status(404)
      .header("content-type", "text/html; charset=utf-8")
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found</h1></main></body></html>',
      );

  async function notFound(reply: FastifyReply, account: HelpAccount, locale: HelpLocale) {
    return html(reply, 404, notFoundPage(await context(account, locale)));
  }

  app.get("/help/:slug", async (request, reply) => {
    const account = await findHelpAccount(db, (request.params as { slug: string }).slug);
    if (!account) return noSuchCentre(reply);
    const locale = pageLocale(request, account.locale);
    reply.header("vary", "Accept-Language");
    const [categories, articles] = await Promise.all([
      helpCategories(db, account.id),
      publishedInLocale(db, account.id, locale),
    ]);
    return html(reply, 200, homePage(await context(account, locale), categories, articles));
  });

  app.get("/help/:slug/search", async (request, reply) => {
    const account = await findHelpAccount(db, (request.params as { slug: string }).slug);
    if (!account) return noSuchCentre(reply);
    const query = ZSearchQuery.safeParse(request.query);
    const q = query.success ? query.data.q.trim() : "";
    const locale = pageLocale(request, account.locale);
    const hits = q ? await searchArticles(db, { accountId: account.id, q, locale }) : [];
    if (q && hits.length === 0) {
      await unansweredSearchRecorder(db, { accountId: account.id, q, locale, source: "page" });
    }
    return html(reply, 200, searchPage(await context(account, locale), q, hits));
  });

  app.get("/help/:slug/api/search", async (request, reply) => {
    const account = await findHelpAccount(db, (request.params as { slug: string }).slug);
    if (!account) {
      return reply
        .status(404)
        .send({ error: { id: "not_found", message: "Help centre not found." } });
    }
    const query = ZSearchQuery.safeParse(request.query);
    if (!query.success) {
      return reply.status(400).send({
        error: { id: "validation_failed", message: "q: at most 200 characters; lang: fr or en." },
      });
    }
    const q = query.data.q.trim();
    const locale = pageLocale(request, account.locale);
    const hits = q ? await searchArticles(db, { accountId: account.id, q, locale }) : [];
    if (q && hits.length === 0) {
      await unansweredSearchRecorder(db, { accountId: account.id, q, locale, source: "api" });
    }
    const base = `${publicUrl(services.env)}/help/${account.slug}`;
    reply.header("access-control-allow-origin", "*");
    return {
      data: hits.map((hit) => ({
        id: hit.id,
        locale: hit.locale,
        slug: hit.slug,
        title: hit.title,
        excerpt: excerpt(articlePlainText(hit.body)),
        url: `${base}/${hit.locale}/articles/${hit.slug}`,
      })),
    };
  });

  app.get("/help/:slug/sitemap.xml", async (request, reply) => {
    const account = await findHelpAccount(db, (request.params as { slug: string }).slug);
    if (!account) return noSuchCentre(reply);
    const [categories, articles] = await Promise.all([
      helpCategories(db, account.id),
      allPublished(db, account.id),
    ]);
    const absoluteBase = `${publicUrl(services.env)}/help/${account.slug}`;
    return reply
      .header("content-type", "application/xml; charset=utf-8")
      .send(sitemap(absoluteBase, categories, articles));
  });

  app.get("/help/:slug/:locale/:category", async (request, reply) => {
    const params = request.params as { slug: string; locale: string; category: string };
    const account = await findHelpAccount(db, params.slug);
    if (!account) return noSuchCentre(reply);
    const locale = ZLocale.safeParse(params.locale);
    if (!locale.success) return notFound(reply, account, pageLocale(request, account.locale));
    const category = (await helpCategories(db, account.id)).find((c) => c.slug === params.category);
    if (!category) return notFound(reply, account, locale.data);
    const articles = await publishedInLocale(db, account.id, locale.data, category.id);
    return html(reply, 200, categoryPage(await context(account, locale.data), category, articles));
  });

  async function loadArticle(request: FastifyRequest) {
    const params = request.params as { slug: string; locale: string; article: string };
    const account = await findHelpAccount(db, params.slug);
    if (!account) return { account: null, article: null, locale: null };
    const locale = ZLocale.safeParse(params.locale);
    if (!locale.success) return { account, article: null, locale: null };
    const article = await publishedArticle(db, account.id, locale.data, params.article);
    return { account, article: article ?? null, locale: locale.data };
  }

  app.get("/help/:slug/:locale/articles/:article", async (request, reply) => {
    const { account, article, locale } = await loadArticle(request);
    if (!account) return noSuchCentre(reply);
    if (!article || !locale)
      return notFound(reply, account, locale ?? pageLocale(request, account.locale));
    await articleViewRecorder(db, { article, source: "page" });
    const categories = await helpCategories(db, account.id);
    const page = articlePage(await context(account, locale), {
      article,
      category: categories.find((category) => category.id === article.category_id) ?? null,
      translations: await publishedTranslations(db, article),
      thanks: (request.query as { feedback?: string }).feedback === "thanks",
    });
    return html(reply, 200, page);
  });

  app.post("/help/:slug/:locale/articles/:article/feedback", async (request, reply) => {
    const { account, article, locale } = await loadArticle(request);
    const json = String(request.headers["content-type"] ?? "").includes("application/json");
    if (!account || !article || !locale) {
      return reply.status(404).send({ error: { id: "not_found", message: "Article not found." } });
    }
    const parsed = ZFeedback.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply.status(400).send({
        error: {
          id: "validation_failed",
          message: 'helpful: "yes" or "no"; comment: at most 2000 characters.',
        },
      });
    }
    await articleFeedbackRecorder(db, {
      article,
      helpful: parsed.data.helpful === "yes",
      comment: parsed.data.comment,
    });
    if (json) return reply.status(201).send({ data: { recorded: true } });
    return reply.redirect(
      `/help/${account.slug}/${locale}/articles/${article.slug}?feedback=thanks#content`,
      303,
    );
  });
}
