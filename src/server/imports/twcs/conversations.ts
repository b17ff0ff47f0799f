import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { assessUrgency, type Category } from "../../triage/index.ts";
import type { Thread, TweetMeta } from "./threads.ts";

const BATCH = 1000;

/** What a customer tweet's triage is stored as (message metadata, conversation fields). */
export interface TweetTriage {
  language: string;
  sentiment: "negative" | "neutral" | "positive";
  score: number;
  category: Category;
  confidence: number;
}

export interface ImportedTweet extends TweetMeta {
  /** A customer tweet with text: it is triaged. */
  triaged: boolean;
}

/** A thread's place in the account: its conversation, found again or still to create. */
export interface PlacedThread {
  thread: Thread;
  conversationId: string;
  channelId: string;
  /** Set when the conversation is new: the number reserved for it. */
  number?: number;
  /** The tweet whose triage the conversation takes (its last triaged one), if any. */
  triageFrom?: string;
}

/**
 * The conversations of these threads, found by (channel, root tweet); the missing ones get an id
 * and a number now, in thread order (one reservation on the account's sequence), and are stored
 * once their last customer tweet is triaged.
 */
export async function placeThreads(
  db: Kysely<DB>,
  accountId: string,
  threads: ReadonlyArray<Thread>,
  channels: ReadonlyMap<string, string>,
): Promise<PlacedThread[]> {
  const placed: PlacedThread[] = [];
  for (let start = 0; start < threads.length; start += BATCH) {
    const batch = threads.slice(start, start + BATCH);
    const existing = await db
      .selectFrom("conversations")
      .select(["id", "channel_id", "external_thread_id"])
      .where("account_id", "=", accountId)
      .where("channel_id", "in", [...new Set(batch.map((t) => channels.get(t.company) ?? ""))])
      .where(
        "external_thread_id",
        "in",
        batch.map((t) => t.rootId),
      )
      .execute();
    const found = new Map(
      existing.map((row) => [`${row.channel_id}/${row.external_thread_id}`, row.id]),
    );
    for (const thread of batch) {
      const channelId = channels.get(thread.company) as string;
      const id = found.get(`${channelId}/${thread.rootId}`);
      const triageFrom = (thread.tweets as ImportedTweet[]).findLast((t) => t.triaged)?.id;
      placed.push({ thread, channelId, conversationId: id ?? randomUUID(), triageFrom });
      if (id === undefined) (placed[placed.length - 1] as PlacedThread).number = 0;
    }
  }
  const missing = placed.filter((place) => place.number !== undefined);
  if (missing.length === 0) return placed;
  const { conversation_seq: last } = await db
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", missing.length) }))
    .where("id", "=", accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  missing.forEach((place, index) => {
    place.number = last - missing.length + index + 1;
  });
  return placed;
}

/** The new conversation of a thread, its triage that of its last triaged customer tweet. */
export function conversationRow(
  accountId: string,
  place: PlacedThread,
  contacts: ReadonlyMap<string, string>,
  lastTriaged: TweetTriage | undefined,
) {
  const { thread } = place;
  const tweets = thread.tweets;
  const firstCustomer = tweets.find((t) => t.inbound) as TweetMeta;
  const firstResponse = tweets.find((t) => !t.inbound && t.at >= firstCustomer.at);
  const last = tweets[tweets.length - 1] as TweetMeta;
  const lastInbound = tweets.findLast((t) => t.inbound) as TweetMeta;
  const lastAnswer = tweets.findLast((t) => !t.inbound);
  const resolved = !last.inbound;
  const waitingFrom = tweets.find((t) => t.inbound && (!lastAnswer || t.at > lastAnswer.at));
  const urgency = lastTriaged
    ? assessUrgency({
        sentiment: { label: lastTriaged.sentiment, score: lastTriaged.score },
        visibility: "public",
        waitingMinutes: 0,
        category: lastTriaged.category,
      })
    : null;
  return {
    account_id: accountId,
    id: place.conversationId,
    number: place.number as number,
    contact_id: contacts.get(thread.customer) as string,
    channel_id: place.channelId,
    status: resolved ? ("resolved" as const) : ("open" as const),
    visibility: "public" as const,
    external_thread_id: thread.rootId,
    language: lastTriaged && lastTriaged.language !== "und" ? lastTriaged.language : null,
    sentiment: lastTriaged?.sentiment ?? null,
    sentiment_score: lastTriaged?.score ?? null,
    category: lastTriaged?.category ?? null,
    category_confidence: lastTriaged?.confidence ?? null,
    urgency_score: urgency?.score ?? null,
    priority: urgency?.priority ?? ("normal" as const),
    triaged_at: lastTriaged ? new Date() : null,
    waiting_since: resolved || !waitingFrom ? null : new Date(waitingFrom.at),
    first_response_at: firstResponse ? new Date(firstResponse.at) : null,
    resolved_at: resolved ? new Date(last.at) : null,
    last_message_at: new Date(last.at),
    last_inbound_at: new Date(lastInbound.at),
    created_at: new Date(tweets[0]?.at ?? firstCustomer.at),
    updated_at: new Date(last.at),
  };
}

export type ConversationRow = ReturnType<typeof conversationRow>;
