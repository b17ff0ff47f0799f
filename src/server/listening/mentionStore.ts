import { type Kysely, sql } from "kysely";
import type { ListeningNetwork, ListeningQuery } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { recordEvents } from "../events/outbox.ts";
import { withoutNul } from "../nul.ts";
import type { Triager } from "../triage/index.ts";
import type { FoundPost } from "./search/types.ts";

/**
 * Stores what a query's search found, in one transaction: each post once per account and
 * network (a post found again, by this query or another, only has its counts refreshed and the
 * query linked), language, sentiment and category from the triage, and whether it already is
 * in the inbox (addressed to the brand: then linked to that message, not counted twice).
 * Returns the ids of the mentions new to the account.
 */
export async function storeMentions(
  db: Kysely<DB>,
  props: {
    query: ListeningQuery;
    network: ListeningNetwork;
    channelId: string;
    posts: FoundPost[];
    triager: Triager;
  },
): Promise<string[]> {
  const { query, network, channelId, triager } = props;
  const posts = withoutNul(props.posts);
  if (posts.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const post of posts) {
      const triage = triager.triage(post.text);
      const inbox = await trx
        .selectFrom("messages as msg")
        .innerJoin("channels as c", (join) =>
          join.onRef("c.account_id", "=", "msg.account_id").onRef("c.id", "=", "msg.channel_id"),
        )
        .select("msg.id")
        .where("msg.account_id", "=", query.account_id)
        .where("c.kind", "=", network)
        .where("msg.external_id", "=", post.externalId)
        .executeTakeFirst();
      const row = await trx
        .insertInto("mentions")
        .values({
          account_id: query.account_id,
          network,
          external_id: post.externalId,
          channel_id: channelId,
          text: post.text,
          language: post.language ?? triage.language,
          sentiment: triage.sentiment.label,
          sentiment_score: triage.sentiment.score,
          category: triage.category,
          author_id: post.author.id,
          author_handle: post.author.handle,
          author_name: post.author.name,
          author_followers: post.author.followers,
          likes: post.likes,
          reposts: post.reposts,
          replies: post.replies,
          reach: post.reach,
          url: post.url,
          posted_at: post.postedAt,
          addressed: Boolean(inbox),
          inbound: JSON.stringify(post.inbound),
          message_id: inbox?.id ?? null,
        })
        .onConflict((conflict) =>
          conflict.columns(["account_id", "network", "external_id"]).doUpdateSet((eb) => ({
            likes: eb.ref("excluded.likes"),
            reposts: eb.ref("excluded.reposts"),
            replies: eb.ref("excluded.replies"),
            reach: eb.ref("excluded.reach"),
          })),
        )
        .returning(["id", "posted_at", "sentiment", sql<boolean>`(xmax = 0)`.as("inserted")])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("listening_query_mentions")
        .values({
          account_id: query.account_id,
          query_id: query.id,
          mention_id: row.id,
          posted_at: row.posted_at,
          sentiment: row.sentiment,
        })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
      if (row.inserted) created.push(row.id);
    }
    await recordEvents(
      trx,
      created.map((mentionId) => ({
        accountId: query.account_id,
        name: "mention.created" as const,
        payload: { mentionId, queryId: query.id },
        actorUserId: null,
      })),
    );
    return created;
  });
}
