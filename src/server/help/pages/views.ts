import type { HelpLocale } from "../../../shared/articles.ts";
import type { Article, ArticleCategory } from "../../db/schema/help.ts";
import { articlePlainText, excerpt, renderArticleHtml } from "../markdown.ts";
import { escapeHtml, type HelpPageContext, layout } from "./layout.ts";
import { fill, HELP_STRINGS } from "./strings.ts";

const categoryName = (category: ArticleCategory, locale: HelpLocale) =>
  locale === "fr" ? category.name_fr : category.name_en;

const articlePath = (locale: HelpLocale, article: { slug: string }) =>
  `/${locale}/articles/${article.slug}`;

function articleLinks(context: HelpPageContext, articles: Article[], withExcerpt: boolean): string {
  const items = articles
    .map((article) => {
      const link = `<a href="${context.base}${articlePath(article.locale, article)}">${escapeHtml(article.title)}</a>`;
      if (!withExcerpt) return `<li>${link}</li>`;
      return `<li>${link}<p class="excerpt">${escapeHtml(excerpt(articlePlainText(article.body)))}</p></li>`;
    })
    .join("");
  return `<ul class="list">${items}</ul>`;
}

/** The help centre's home: its topics with their first articles, then the others. */
export function homePage(
  context: HelpPageContext,
  categories: ArticleCategory[],
  articles: Article[],
): string {
  const { locale } = context;
  const strings = HELP_STRINGS[locale];
  const cards = categories
    .map((category) => {
      const inside = articles.filter((article) => article.category_id === category.id);
      if (inside.length === 0) return "";
      const more =
        inside.length > 5
          ? `<p><a href="${context.base}/${locale}/${category.slug}">${strings.seeAll}</a></p>`
          : "";
      return `<li class="card"><h2><a href="${context.base}/${locale}/${category.slug}">${escapeHtml(categoryName(category, locale))}</a></h2>${articleLinks(context, inside.slice(0, 5), false)}${more}</li>`;
    })
    .join("");
  const known = new Set(categories.map((category) => category.id));
  const others = articles.filter(
    (article) => !article.category_id || !known.has(article.category_id),
  );
  const body =
    articles.length === 0
      ? `<p>${strings.noArticles}</p>`
      : `${cards ? `<ul class="cards" aria-label="${strings.categories}">${cards}</ul>` : ""}${
          others.length > 0
            ? `<h2>${cards ? strings.otherArticles : strings.allArticles}</h2>${articleLinks(context, others, true)}`
            : ""
        }`;
  return layout(
    context,
    {
      title: context.centreName,
      description:
        `${context.centreName} — ${categories.map((category) => categoryName(category, locale)).join(", ")}`.slice(
          0,
          300,
        ),
      alternates: { fr: "?lang=fr", en: "?lang=en" },
      canonical: `?lang=${locale}`,
    },
    `<h1>${escapeHtml(context.centreName)}</h1>${body}`,
  );
}

/** One topic: its published articles in the page's language. */
export function categoryPage(
  context: HelpPageContext,
  category: ArticleCategory,
  articles: Article[],
): string {
  const { locale } = context;
  const strings = HELP_STRINGS[locale];
  const name = categoryName(category, locale);
  const crumbs = `<nav class="crumbs" aria-label="${strings.breadcrumb}"><ol><li><a href="${context.base}?lang=${locale}">${strings.home}</a></li><li aria-current="page">${escapeHtml(name)}</li></ol></nav>`;
  const list =
    articles.length > 0 ? articleLinks(context, articles, true) : `<p>${strings.noArticles}</p>`;
  return layout(
    context,
    {
      title: `${name} — ${context.centreName}`,
      description: `${name}: ${articles.map((article) => article.title).join(", ")}`.slice(0, 300),
      alternates: { fr: `/fr/${category.slug}`, en: `/en/${category.slug}` },
      canonical: `/${locale}/${category.slug}`,
    },
    `${crumbs}<h1>${escapeHtml(name)}</h1>${list}`,
  );
}

/** One article, its translations linked, and the "Was this helpful?" form (works without JS). */
export function articlePage(
  context: HelpPageContext,
  props: {
    article: Article;
    category: ArticleCategory | null;
    translations: Article[];
    thanks: boolean;
  },
): string {
  const { article, category, translations } = props;
  const { locale } = context;
  const strings = HELP_STRINGS[locale];
  const path = articlePath(locale, article);
  const alternates: Partial<Record<HelpLocale, string>> = { [locale]: path };
  for (const other of translations) alternates[other.locale] = articlePath(other.locale, other);
  const crumbs = `<nav class="crumbs" aria-label="${strings.breadcrumb}"><ol><li><a href="${context.base}?lang=${locale}">${strings.home}</a></li>${
    category
      ? `<li><a href="${context.base}/${locale}/${category.slug}">${escapeHtml(categoryName(category, locale))}</a></li>`
      : ""
  }<li aria-current="page">${escapeHtml(article.title)}</li></ol></nav>`;
  const translation = translations
    .map(
      (other) =>
        `<p><a href="${context.base}${articlePath(other.locale, other)}" hreflang="${other.locale}" lang="${other.locale}">${escapeHtml(other.title)}</a> (${HELP_STRINGS[locale].readIn})</p>`,
    )
    .join("");
  const updated = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
  }).format(article.updated_at);
  const feedback = props.thanks
    ? `<section class="feedback" aria-label="${strings.helpful}"><p class="notice" role="status">${strings.thanks}</p></section>`
    : `<section class="feedback" aria-label="${strings.helpful}"><form method="post" action="${context.base}${path}/feedback"><fieldset><legend>${strings.helpful}</legend><div class="choices"><button type="submit" name="helpful" value="yes">${strings.yes}</button><button type="submit" name="helpful" value="no">${strings.no}</button></div></fieldset><label for="feedback-comment">${strings.commentLabel}</label><textarea id="feedback-comment" name="comment" maxlength="2000"></textarea></form></section>`;
  const text = articlePlainText(article.body);
  return layout(
    context,
    {
      title: `${article.title} — ${context.centreName}`,
      description: excerpt(text, 155) || article.title,
      alternates,
      canonical: path,
    },
    `${crumbs}<article><h1>${escapeHtml(article.title)}</h1><p class="meta">${fill(strings.updated, { date: updated })}</p>${translation}${renderArticleHtml(article.body)}</article>${feedback}`,
  );
}

/** Search results, or — when nothing answers — a plain word that people are there to help. */
export function searchPage(
  context: HelpPageContext,
  q: string,
  hits: Array<{ locale: HelpLocale; slug: string; title: string; body: string }>,
): string {
  const { locale } = context;
  const strings = HELP_STRINGS[locale];
  const query = `/search?q=${encodeURIComponent(q)}`;
  let body: string;
  if (!q) body = `<h1>${strings.search}</h1><p>${strings.enterQuery}</p>`;
  else if (hits.length === 0)
    body = `<h1>${escapeHtml(fill(strings.resultsFor, { q }))}</h1><p role="status">${escapeHtml(fill(strings.noResults, { q }))}</p>`;
  else {
    const items = hits
      .map(
        (hit) =>
          `<li><a href="${context.base}${articlePath(hit.locale, hit)}"${hit.locale === locale ? "" : ` lang="${hit.locale}" hreflang="${hit.locale}"`}>${escapeHtml(hit.title)}</a><p class="excerpt">${escapeHtml(excerpt(articlePlainText(hit.body)))}</p></li>`,
      )
      .join("");
    body = `<h1>${escapeHtml(fill(strings.resultsFor, { q }))}</h1><ol class="list">${items}</ol>`;
  }
  return layout(
    context,
    {
      title: `${q ? fill(strings.resultsFor, { q }) : strings.search} — ${context.centreName}`,
      description: strings.searchLabel,
      alternates: { fr: `${query}&lang=fr`, en: `${query}&lang=en` },
      canonical: `${query}&lang=${locale}`,
      q,
      noindex: true,
    },
    body,
  );
}

export function notFoundPage(context: HelpPageContext): string {
  const strings = HELP_STRINGS[context.locale];
  return layout(
    context,
    {
      title: `${strings.notFound} — ${context.centreName}`,
      description: strings.notFoundText,
      alternates: {},
      canonical: `?lang=${context.locale}`,
      noindex: true,
    },
    `<h1>${strings.notFound}</h1><p>${strings.notFoundText}</p>`,
  );
}

/** The sitemap: home and topics in both languages, every published article with its translations. */
export function sitemap(
  absoluteBase: string,
  categories: ArticleCategory[],
  articles: Article[],
): string {
  const url = (path: string, alternates: Array<[string, string]>, lastmod?: Date) =>
    `<url><loc>${escapeHtml(absoluteBase + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}${alternates
      .map(
        ([lang, href]) =>
          `<xhtml:link rel="alternate" hreflang="${lang}" href="${escapeHtml(absoluteBase + href)}"/>`,
      )
      .join("")}</url>`;
  const both = (path: (locale: string) => string) =>
    (["fr", "en"] as const).map((locale) =>
      url(path(locale), [
        ["fr", path("fr")],
        ["en", path("en")],
      ]),
    );
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    const root = article.translation_of ?? article.id;
    groups.set(root, [...(groups.get(root) ?? []), article]);
  }
  const entries = [
    ...both((locale) => `?lang=${locale}`),
    ...categories.flatMap((category) => both((locale) => `/${locale}/${category.slug}`)),
    ...articles.map((article) => {
      const group = groups.get(article.translation_of ?? article.id) ?? [article];
      return url(
        articlePath(article.locale, article),
        group.length > 1
          ? group.map(
              (other) => [other.locale, articlePath(other.locale, other)] as [string, string],
            )
          : [],
        article.updated_at,
      );
    }),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${entries.join("")}</urlset>`;
}
