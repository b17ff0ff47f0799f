import type {
  TArticle,
  TArticleCategory,
  TArticleRead,
  TArticleRevision,
  TArticleStats,
  TUnansweredSearch,
} from "../../shared/articles.ts";
import type { Article, ArticleCategory } from "../db/schema/help.ts";
import type { ArticleReadRow } from "../help/engagement.ts";
import { renderArticleHtml } from "../help/markdown.ts";
import type { RevisionRow } from "../models/articles.ts";
import { iso, isoOrNull } from "./dates.ts";

/** `helpBase`: the account's public help centre, `https://relais.example/help/<slug>`. */
export function presentArticle(row: Article, translations: Article[], helpBase: string): TArticle {
  return {
    id: row.id,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    body: row.body,
    html: renderArticleHtml(row.body),
    status: row.status,
    categoryId: row.category_id,
    translationOf: row.translation_of,
    translations: translations.map((other) => ({
      id: other.id,
      locale: other.locale,
      slug: other.slug,
      title: other.title,
      status: other.status,
    })),
    views: row.view_count,
    helpful: row.helpful_count,
    notHelpful: row.unhelpful_count,
    url: row.status === "published" ? `${helpBase}/${row.locale}/articles/${row.slug}` : null,
    publishedAt: isoOrNull(row.published_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentArticleCategory(row: ArticleCategory): TArticleCategory {
  return {
    id: row.id,
    slug: row.slug,
    name: { fr: row.name_fr, en: row.name_en },
    position: row.position,
    createdAt: iso(row.created_at),
  };
}

export function presentArticleRevision(row: RevisionRow): TArticleRevision {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    status: row.status === "published" ? "published" : "draft",
    categoryId: row.category_id,
    editor:
      row.editor_user_id && row.editor_name
        ? { id: row.editor_user_id, name: row.editor_name }
        : null,
    createdAt: iso(row.created_at),
  };
}

export function presentArticleStats(
  row: Article,
  stats: {
    feedback: Array<{ helpful: boolean; comment: string | null; created_at: Date }>;
    searchesWithoutResult: number;
  },
): TArticleStats {
  return {
    views: row.view_count,
    helpful: row.helpful_count,
    notHelpful: row.unhelpful_count,
    searchesWithoutResult: stats.searchesWithoutResult,
    feedback: stats.feedback.map((entry) => ({
      helpful: entry.helpful,
      comment: entry.comment,
      createdAt: iso(entry.created_at),
    })),
  };
}

export function presentUnansweredSearch(row: {
  query: string;
  locale: string;
  count: number;
  last_at: Date;
}): TUnansweredSearch {
  return { query: row.query, locale: row.locale, count: row.count, lastAt: iso(row.last_at) };
}

export function presentArticleRead(row: ArticleReadRow): TArticleRead {
  return { id: row.id, locale: row.locale, title: row.title, readAt: iso(row.read_at) };
}
