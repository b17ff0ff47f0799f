import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import type { Kysely } from "kysely";
import { triagerFor } from "../../commands/conversationTriager.ts";
import type { DB, NewMessage } from "../../db/schema.ts";
import type { Triager } from "../../triage/index.ts";
import {
  type ConversationRow,
  conversationRow,
  type ImportedTweet,
  type PlacedThread,
  placeThreads,
  type TweetTriage,
} from "./conversations.ts";
import { importedChannels, insertContacts, placeContacts } from "./entities.ts";
import { readRow, threadTweets } from "./threads.ts";

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

/** First pass: what threading needs (texts are read again, and triaged, in the second). */
async function readTweets(file: string, progress: Progress) {
  const tweets: ImportedTweet[] = [];
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
    tweets.push({ ...meta, triaged: row.inbound && text.trim() !== "" });
    if (rows % BATCH === 0) progress(rows, rows, "tweets read");
  }
  return { tweets, rows, malformed };
}

function triageOf(triager: Triager, text: string): TweetTriage {
  const result = triager.triage(text);
  return {
    language: result.language,
    sentiment: result.sentiment.label,
    score: result.sentiment.score,
    category: result.category,
    confidence: result.confidence,
  };
}

/**
 * Imports a twcs CSV into an account: channels per company, contacts per customer, one
 * conversation per thread, every tweet as a message (company tweets as replies that were sent).
 * Idempotent: channels, identities, conversations and messages are found again by their names
 * and external ids, so a second run adds nothing.
 *
 * The second pass triages each customer tweet while the rows before it are being written: a
 * batch goes to the database (its new conversations, then its messages) while the next is read
 * and triaged, so the database's work and the triage overlap. A conversation is written once its
 * last triaged tweet is read; its messages wait for it.
 */
export async function twcsImporter(
  db: Kysely<DB>,
  props: { accountId: string; file: string; progress?: Progress },
): Promise<TwcsSummary> {
  const progress = props.progress ?? (() => {});
  const triager = await triagerFor(db, props.accountId);
  const { tweets, rows, malformed } = await readTweets(props.file, progress);
  const threading = threadTweets(tweets);
  const channels = await importedChannels(db, props.accountId, threading.companies);
  const customers = new Set<string>();
  for (const thread of threading.threads) {
    for (const tweet of thread.tweets) if (tweet.inbound) customers.add(tweet.author);
  }
  const { contacts, missing: newContacts } = await placeContacts(db, props.accountId, [
    ...customers,
  ]);
  const places = await placeThreads(db, props.accountId, threading.threads, channels);

  const placeOf = new Map<string, PlacedThread>();
  for (const place of places) for (const tweet of place.thread.tweets) placeOf.set(tweet.id, place);
  /** Conversations written or found: their messages can be written. */
  const ready = new Set<string>();
  /** Messages of conversations not written yet, by conversation. */
  const waiting = new Map<string, NewMessage[]>();
  let conversations: ConversationRow[] = [];
  let messages: NewMessage[] = [];
  let conversationsDone = 0;
  let stored = 0;
  const becomeReady = (place: PlacedThread, triage: TweetTriage | undefined) => {
    conversations.push(conversationRow(props.accountId, place, contacts, triage));
    ready.add(place.conversationId);
    messages.push(...(waiting.get(place.conversationId) ?? []));
    waiting.delete(place.conversationId);
  };
  for (const place of places) {
    if (place.number === undefined) ready.add(place.conversationId);
    else if (place.triageFrom === undefined) becomeReady(place, undefined);
  }

  const writer = batchWriter();
  // New contacts first, written while the first rows are read and triaged.
  await writer.write(async () => {
    for (let start = 0; start < newContacts.length; start += BATCH) {
      await insertContacts(db, props.accountId, newContacts.slice(start, start + BATCH));
    }
  });
  const flush = async () => {
    const batch = { conversations, messages };
    conversations = [];
    messages = [];
    await writer.write(async () => {
      if (batch.conversations.length > 0) {
        await db.insertInto("conversations").values(batch.conversations).execute();
        conversationsDone += batch.conversations.length;
        progress(conversationsDone, threading.threads.length, "conversations");
      }
      if (batch.messages.length > 0) {
        await insertMessages(db, batch.messages);
        stored += batch.messages.length;
        progress(stored, placeOf.size, "tweets stored");
      }
    });
  };

  for await (const record of records(props.file)) {
    const row = readRow(record);
    const place = row && placeOf.get(row.id);
    if (!row || !place) continue;
    const triage = row.inbound && row.text.trim() ? triageOf(triager, row.text) : undefined;
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
    const message: NewMessage = row.inbound
      ? {
          ...common,
          direction: "in",
          author_contact_id: contacts.get(row.author) ?? null,
          metadata: JSON.stringify({ twcs: { author: row.author }, triage: triage ?? null }),
        }
      : {
          ...common,
          direction: "out",
          delivery_status: "sent",
          sent_at: at,
          metadata: JSON.stringify({ twcs: { author: row.author } }),
        };
    if (ready.has(place.conversationId)) messages.push(message);
    else {
      const held = waiting.get(place.conversationId);
      if (held) held.push(message);
      else waiting.set(place.conversationId, [message]);
    }
    if (row.id === place.triageFrom && !ready.has(place.conversationId)) {
      becomeReady(place, triage);
    }
    if (messages.length >= BATCH || conversations.length >= BATCH) await flush();
  }
  // Every thread's tweets are in the file, so none is left waiting; this is only a safeguard.
  for (const place of places) {
    if (!ready.has(place.conversationId)) becomeReady(place, undefined);
  }
  await flush();
  await writer.done();

  return {
    tweets: rows,
    conversations: threading.threads.length,
    contacts: customers.size,
    channels: threading.companies.length,
    refused: malformed + threading.refused,
  };
}

async function insertMessages(db: Kysely<DB>, rows: NewMessage[]) {
  await db
    .insertInto("messages")
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(["account_id", "channel_id", "external_id"])
        .where("external_id", "is not", null)
        .doNothing(),
    )
    .execute();
}

/**
 * Writes batches one at a time, in order, without waiting for the last one: `write` returns once
 * the previous batch is written (so its rows, which the new one may refer to, are there) and the
 * new one has started. A failure surfaces at the next `write` or at `done`.
 */
function batchWriter() {
  let running: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    async write(work: () => Promise<void>) {
      await running;
      check();
      running = work().catch((error: unknown) => {
        failure = { error };
      });
    },
    async done() {
      await running;
      check();
    },
  };
}
