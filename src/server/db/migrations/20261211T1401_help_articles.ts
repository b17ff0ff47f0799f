import type { Migration } from "../migrate.ts";

/**
 * The help centre's articles (French or English, Markdown), their categories, every revision,
 * and what customers do with them: feedback ("Was this helpful?"), views, and the searches that
 * found nothing. Search: a stored French+English vector over the accent-folded title (weight A)
 * and body (weight B), and trigrams of the folded title for typos in short queries. Stored
 * columns, not expression indexes: PostgreSQL 17 (PGlite) builds indexes with a search_path
 * that does not reach relais_unaccent (see 20261209T1601).
 */
export const helpArticles: Migration = {
  name: "20261211T1401_help_articles",
  statements: [
    `create table article_categories (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
       name_fr text not null check (length(name_fr) between 1 and 120),
       name_en text not null check (length(name_en) between 1 and 120),
       position integer not null default 0,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       primary key (account_id, id),
       unique (account_id, slug)
     )`,

    `create table articles (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       locale text not null check (locale in ('fr', 'en')),
       slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
       title text not null check (length(title) between 1 and 200),
       body text not null check (length(body) <= 100000),
       status text not null default 'draft' check (status in ('draft', 'published')),
       category_id uuid,
       translation_of uuid,
       helpful_count integer not null default 0,
       unhelpful_count integer not null default 0,
       view_count integer not null default 0,
       published_at timestamptz,
       created_by uuid,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       search tsvector generated always as (
         setweight(relais_search_vector(title), 'A') || setweight(relais_search_vector(body), 'B')
       ) stored,
       title_folded text generated always as (lower(relais_unaccent(title))) stored,
       primary key (account_id, id),
       unique (account_id, locale, slug),
       foreign key (account_id, category_id) references article_categories(account_id, id)
         on delete set null (category_id),
       foreign key (account_id, translation_of) references articles(account_id, id)
         on delete set null (translation_of)
     )`,
    `create index articles_account_search on articles using gin (account_id, search)
       where status = 'published'`,
    `create index articles_title_trgm on articles using gin (account_id, title_folded gin_trgm_ops)
       where status = 'published'`,
    `create index articles_category on articles (account_id, category_id, locale)`,
    `create index articles_translation on articles (account_id, translation_of)`,

    `create table article_revisions (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       article_id uuid not null,
       title text not null,
       body text not null,
       status text not null,
       category_id uuid,
       editor_user_id uuid,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, article_id) references articles(account_id, id) on delete cascade
     )`,
    `create index article_revisions_article on article_revisions (account_id, article_id, created_at desc)`,

    `create table article_feedback (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       article_id uuid not null,
       helpful boolean not null,
       comment text check (length(comment) <= 2000),
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, article_id) references articles(account_id, id) on delete cascade
     )`,
    `create index article_feedback_article on article_feedback (account_id, article_id, created_at desc)`,

    `create table article_views (
       account_id uuid not null,
       id uuid not null default gen_random_uuid(),
       article_id uuid not null,
       source text not null check (source in ('page', 'widget')),
       chat_session_id uuid,
       created_at timestamptz not null default now(),
       primary key (account_id, id),
       foreign key (account_id, article_id) references articles(account_id, id) on delete cascade
     )`,
    `create index article_views_article on article_views (account_id, article_id, created_at desc)`,
    `create index article_views_session on article_views (account_id, chat_session_id, created_at)
       where chat_session_id is not null`,

    `create table help_searches (
       account_id uuid not null references accounts(id) on delete cascade,
       id uuid not null default gen_random_uuid(),
       query text not null check (length(query) <= 200),
       locale text not null,
       source text not null check (source in ('page', 'api', 'widget')),
       created_at timestamptz not null default now(),
       primary key (account_id, id)
     )`,
    `create index help_searches_created on help_searches (account_id, created_at desc)`,
  ],
};
