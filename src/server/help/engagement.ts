import { type Kysely, sql } from "kysely";
import type { Article, ArticleViewSource } from "../db/schema/help.ts";
import type { DB } from "../db/schema.ts";

/** One reading of an article (its page, or opened from the widget), counted with it. */
export async function articleViewRecorder(
  db: Kysely<DB>,
  props: { article: Article; source: ArticleViewSource; chatSessionId?: string | null },
): Promise<void> {
  const { article } = props;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("article_views")
      .values({
        account_id: article.account_id,
        article_id: article.id,
        source: props.source,
        chat_session_id: props.chatSessionId ?? null,
      })
      .execute();
    await trx
      .updateTable("articles")
      .set({ view_count: sql`view_count + 1` })
      .where("account_id", "=", article.account_id)
      .where("id", "=", article.id)
      .execute();
  });
}

/** A "Was this helpful?" answer, with its optional comment, counted with the article. */
export async function articleFeedbackRecorder(
  db: Kysely<DB>,
  props: { article: Article; helpful: boolean; comment?: string | null },
): Promise<void> {
  const { article, helpful } = props;
  const comment = props.comment?.trim().slice(0, 2000) || null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("article_feedback")
      .values({ account_id: article.account_id, article_id: article.id, helpful, comment })
      .execute();
    await trx
      .updateTable("articles")
      .set(
        helpful
          ? { helpful_count: sql`helpful_count + 1` }
          : { unhelpful_count: sql`unhelpful_count + 1` },
      )
      .where("account_id", "=", article.account_id)
      .where("id", "=", article.id)
      .execute();
  });
}

export interface ArticleReadRow {
  id: string;
  locale: "fr" | "en";
  slug: string;
  title: string;
  read_at: Date;
}

/**
 * The articles the customer of a chat conversation opened in the widget (their sessions on the
 * conversation's channel), latest reading first: what they tried before asking a person.
 */
export async function articlesReadFor(
  db: Kysely<DB>,
  conversation: { account_id: string; contact_id: string; channel_id: string | null },
): Promise<ArticleReadRow[]> {
  if (!conversation.channel_id) return [];
  return db
    .selectFrom("article_views as v")
    .innerJoin("chat_sessions as s", (join) =>
      join.onRef("s.account_id", "=", "v.account_id").onRef("s.id", "=", "v.chat_session_id"),
    )
    .innerJoin("articles as a", (join) =>
      join.onRef("a.account_id", "=", "v.account_id").onRef("a.id", "=", "v.article_id"),
    )
    .select(["a.id", "a.locale", "a.slug", "a.title", sql<Date>`max(v.created_at)`.as("read_at")])
    .where("v.account_id", "=", conversation.account_id)
    .where("s.contact_id", "=", conversation.contact_id)
    .where("s.channel_id", "=", conversation.channel_id)
    .groupBy(["a.id", "a.locale", "a.slug", "a.title"])
    .orderBy(sql`max(v.created_at)`, "desc")
    .limit(20)
    .execute();
}
