import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the help centre: articles, categories, revisions, feedback, views, searches, settings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Locale = "fr" | "en";

export interface ArticleCategoryTable {
  account_id: string;
  id: Generated<string>;
  slug: string;
  name_fr: string;
  name_en: string;
  position: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ArticleStatus = "draft" | "published";

export interface ArticleTable {
  account_id: string;
  id: Generated<string>;
  locale: Locale;
  slug: string;
  title: string;
  /** Markdown, rendered and sanitised on the way out. */
  body: string;
  status: Generated<ArticleStatus>;
  category_id: string | null;
  /** The article this one translates (its original), when it is a translation. */
  translation_of: string | null;
  helpful_count: Generated<number>;
  unhelpful_count: Generated<number>;
  view_count: Generated<number>;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Generated: French and English stems of the folded title (A) and body (B). */
  search: ColumnType<string, never, never>;
  /** Generated: lower-case, accent-folded title, for trigram similarity. */
  title_folded: ColumnType<string, never, never>;
}

export interface ArticleRevisionTable {
  account_id: string;
  id: Generated<string>;
  article_id: string;
  title: string;
  body: string;
  status: string;
  category_id: string | null;
  editor_user_id: string | null;
  created_at: Generated<Date>;
}

export interface ArticleFeedbackTable {
  account_id: string;
  id: Generated<string>;
  article_id: string;
  helpful: boolean;
  comment: string | null;
  created_at: Generated<Date>;
}

export type ArticleViewSource = "page" | "widget";

export interface ArticleViewTable {
  account_id: string;
  id: Generated<string>;
  article_id: string;
  source: ArticleViewSource;
  chat_session_id: string | null;
  created_at: Generated<Date>;
}

export type HelpSearchSource = "page" | "api" | "widget";

/** A search that found nothing: what customers look for and the help centre does not answer. */
export interface HelpSearchTable {
  account_id: string;
  id: Generated<string>;
  query: string;
  locale: string;
  source: HelpSearchSource;
  created_at: Generated<Date>;
}

export interface HelpSocialLink {
  kind: string;
  url: string;
}

export interface HelpCentreSettingsTable {
  account_id: string;
  name: string | null;
  primary_colour: Generated<string>;
  logo_url: string | null;
  show_chat: Generated<boolean>;
  show_email: Generated<boolean>;
  show_phone: Generated<boolean>;
  show_social: Generated<boolean>;
  chat_channel_id: string | null;
  email: string | null;
  phone: string | null;
  phone_team_id: string | null;
  /** JSON: written as a string, read as the list (the default is []). */
  social: ColumnType<HelpSocialLink[], string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface HelpTables {
  article_categories: ArticleCategoryTable;
  articles: ArticleTable;
  article_revisions: ArticleRevisionTable;
  article_feedback: ArticleFeedbackTable;
  article_views: ArticleViewTable;
  help_searches: HelpSearchTable;
  help_centre_settings: HelpCentreSettingsTable;
}

export type ArticleCategory = Selectable<ArticleCategoryTable>;
export type Article = Selectable<ArticleTable>;
export type ArticleRevision = Selectable<ArticleRevisionTable>;
export type HelpCentreSettings = Selectable<HelpCentreSettingsTable>;
