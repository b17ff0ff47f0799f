import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import type { Kysely } from "kysely";
import { triagerFor } from "../../commands/conversationTriager.ts";
import type { DB, NewMessage } from "../../db/schema.ts";
import { assessUrgency, type Category, type Triager } from "../../triage/index.ts";
import { importedChannels, importedContacts } from "./entities.ts";
import { readRow, type Thread, type TweetMeta, threadTweets } from "./threads.ts";

export interface TwcsSummary {
  tweets: number;
  conversations: number;
  contacts: number;
  channels: number;
  refused: number;
}

/** The summary line the CLI prints (a contract: outside tools read it). */
export function summaryLine(summary: TwcsSummary): string {
  return `twcs: ${summary.tweets} tweets, ${summary.conversations} conversations, ${summary.contacts} contacts, ${summary.channels} channels, ${summary.refused} rows refused`;
}

type Progress = (done: number, total: number, label: string) => void;

interface TriagedTweet extends TweetMeta {
  triage?: {
    language: string;
    sentiment: "negative" | "neutral" | "positive";
    score: number;
    category: Category;
    confidence: number;
  };
}

const BATCH = 1000;

/** Streams the file's rows as CSV records keyed by header (an unnamed index column is kept apart). */
async function* records(file: string): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(file).pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim() || "_index"),
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }),
  );
  for await (const record of parser) yield record as Record<string, string>;
}

/** First pass: what threading needs, plus each customer tweet's triage. */
async function readTweets(file: string, triager: Triager, progress: Progress) {
  const tweets: TriagedTweet[] = [];
  let rows = 0;
  let malformed = 0;
  for await (const record of records(file)) {
    rows += 1;
    const row = readRow(record);
    if (!row) {
      malformed += 1;
      continue;
    }
    const { text, ...meta } = row;
    const tweet: TriagedTweet = meta;
    if (row.inbound && text.trim()) {
      const result = triager.triage(text);
      tweet.triage = {
        language: result.language,
        sentiment: result.sentiment.label,
        score: result.sentiment.score,
        category: result.category,
        confidence: result.confidence,
      };
    }
    tweets.push(tweet);
    if (rows % BATCH === 0) progress(rows, rows, "tweets read");
  }
  return { tweets, rows, malformed };
}

/**
 * Imports a twcs CSV into an account: channels per company, contacts per customer, one
 * conversation per thread, every tweet as a message (company tweets as replies that were sent).
 * Idempotent: channels, identities, conversations and messages are found again by their names
 * and external ids, so a second run adds nothing.
 */
export async function twcsImporter(
  db: Kysely<DB>,
  props: { accountId: string; file: string; progress?: Progress },
): Promise<TwcsSummary> {
  const progress = props.progress ?? (() => {});
  const triager = await triagerFor(db, props.accountId);
  const { tweets, rows, malformed } = await readTweets(props.file, triager, progress);
  const threading = threadTweets(tweets);
  const channels = await importedChannels(db, props.accountId, threading.companies);
  const customers = new Set<string>();
  for (const thread of threading.threads) {
    for (const tweet of thread.tweets) if (tweet.inbound) customers.add(tweet.author);
  }
  const contacts = await importedContacts(db, props.accountId, [...customers]);

  const placed = new Map<string, { conversationId: string; channelId: string }>();
  for (let start = 0; start < threading.threads.length; start += BATCH) {
    const batch = threading.threads.slice(start, start + BATCH);
    const ids = await conversationsFor(db, props.accountId, batch, channels, contacts);
    batch.forEach((thread, index) => {
      const conversationId = ids[index] as string;
      const channelId = channels.get(thread.company) as string;
      for (const tweet of thread.tweets) placed.set(tweet.id, { conversationId, channelId });
    });
    progress(start + batch.length, threading.threads.length, "conversations");
  }

  const triaged = new Map(tweets.map((tweet) => [tweet.id, tweet]));
  let pending: NewMessage[] = [];
  let stored = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await db
      .insertInto("messages")
      .values(pending)
      .onConflict((oc) =>
        oc
          .columns(["account_id", "channel_id", "external_id"])
          .where("external_id", "is not", null)
          .doNothing(),
      )
      .execute();
    stored += pending.length;
    pending = [];
    progress(stored, placed.size, "tweets stored");
  };
  for await (const record of records(props.file)) {
    const row = readRow(record);
    const place = row && placed.get(row.id);
    if (!row || !place) continue;
    const at = new Date(row.at);
    const common = {
      account_id: props.accountId,
      conversation_id: place.conversationId,
      channel_id: place.channelId,
      text: row.text,
      visibility: "public" as const,
      external_id: row.id,
      in_reply_to_external_id: row.parentId,
      created_at: at,
    };
    pending.push(
      row.inbound
        ? {
            ...common,
            direction: "in",
            author_contact_id: contacts.get(row.author) ?? null,
            metadata: JSON.stringify({
              twcs: { author: row.author },
              triage: triaged.get(row.id)?.triage ?? null,
            }),
          }
        : {
            ...common,
            direction: "out",
            delivery_status: "sent",
            sent_at: at,
            metadata: JSON.stringify({ twcs: { author: row.author } }),
          },
    );
    if (pending.length >= BATCH) await flush();
  }
  await flush();

  return {
    tweets: rows,
    conversations: threading.threads.length,
    contacts: customers.size,
    channels: threading.companies.length,
    refused: malformed + threading.refused,
  };
}

/** The conversations of these threads, found by (channel, root tweet) or created. */
async function conversationsFor(
  db: Kysely<DB>,
  accountId: string,
  threads: ReadonlyArray<Thread>,
  channels: ReadonlyMap<string, string>,
  contacts: ReadonlyMap<string, string>,
): Promise<string[]> {
  const existing = await db
    .selectFrom("conversations")
    .select(["id", "channel_id", "external_thread_id"])
    .where("account_id", "=", accountId)
    .where("channel_id", "in", [...new Set(threads.map((t) => channels.get(t.company) ?? ""))])
    .where(
      "external_thread_id",
      "in",
      threads.map((t) => t.rootId),
    )
    .execute();
  const found = new Map(
    existing.map((row) => [`${row.channel_id}/${row.external_thread_id}`, row.id]),
  );
  const ids = threads.map((t) => found.get(`${channels.get(t.company)}/${t.rootId}`));
  const missing = threads.filter((_, index) => ids[index] === undefined);
  if (missing.length === 0) return ids as string[];

  const { conversation_seq: last } = await db
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", missing.length) }))
    .where("id", "=", accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  let number = last - missing.length;
  const rows = missing.map((thread) => {
    number += 1;
    return conversationRow(accountId, thread, number, channels, contacts);
  });
  await db.insertInto("conversations").values(rows).execute();
  let next = 0;
  return ids.map((id) => id ?? (rows[next++]?.id as string));
}

function conversationRow(
  accountId: string,
  thread: Thread,
  number: number,
  channels: ReadonlyMap<string, string>,
  contacts: ReadonlyMap<string, string>,
) {
  const tweets = thread.tweets as TriagedTweet[];
  const firstCustomer = tweets.find((t) => t.inbound) as TriagedTweet;
  const firstResponse = tweets.find((t) => !t.inbound && t.at >= firstCustomer.at);
  const last = tweets[tweets.length - 1] as TriagedTweet;
  const lastInbound = tweets.findLast((t) => t.inbound) as TriagedTweet;
  const lastTriaged = tweets.findLast((t) => t.triage)?.triage;
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
    id: randomUUID(),
    number,
    contact_id: contacts.get(thread.customer) as string,
    channel_id: channels.get(thread.company) as string,
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
