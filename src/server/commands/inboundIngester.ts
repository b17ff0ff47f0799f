import { type Kysely, type QueryCreator, sql } from "kysely";
import { isPlausibleInstant } from "../../shared/instant.ts";
import type { InboundItem, InboundMessage } from "../channels/provider.ts";
import type { AttachmentMeta, Channel, DB } from "../db/schema.ts";
import { type EventInput, recordEvent, recordEvents } from "../events/outbox.ts";
import { conversationFor, withNewConversation } from "../models/inboundConversations.ts";
import { withoutNul } from "../nul.ts";
import { surveyReplyRecorder } from "../surveys/answers.ts";
import { type ResolvedContact, resolveContact } from "./contactResolver.ts";
import { linkInlineImages } from "./inlineImages.ts";
import { quarantineKeeper } from "./quarantineKeeper.ts";
import { quietConversationFor } from "./quietInbound.ts";

export interface IngestOutcome {
  stored: number;
  duplicates: number;
  updates: number;
  /** Messages kept in the quarantine because nobody could be named for them. */
  quarantined: number;
  messageIds: string[];
}

/**
 * Stores what a provider parsed, each item in its own transaction, idempotently: a message
 * already stored for this channel (same external id) is skipped, so a redelivered webhook or a
 * re-polled mailbox never duplicates anything, and a failure leaves nothing half-written.
 */
export async function inboundIngester(
  db: Kysely<DB>,
  channel: Channel,
  items: InboundItem[],
): Promise<IngestOutcome> {
  const outcome: IngestOutcome = {
    stored: 0,
    duplicates: 0,
    updates: 0,
    quarantined: 0,
    messageIds: [],
  };
  // A NUL from a provider would fail the insert (PostgreSQL refuses it): drop it, keep the rest.
  for (const item of withoutNul(items)) {
    if (item.type === "message") {
      const id = await retryOnConflict(() => storeOnce(db, channel, item.message));
      if (id) {
        outcome.stored += 1;
        outcome.messageIds.push(id);
      } else {
        outcome.duplicates += 1;
      }
      continue;
    }
    if (item.type === "quarantine") {
      if (await quarantineKeeper(db, channel, item)) outcome.quarantined += 1;
      else outcome.duplicates += 1;
      continue;
    }
    const changed = await db.transaction().execute((trx) => applyUpdate(trx, channel, item));
    if (changed) outcome.updates += 1;
  }
  return outcome;
}

/** A unique violation means another transaction stored the same thing first: try once more. */
async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    return work();
  }
}

/** Thrown when the message turns out to be stored already: rolls back what was written for it. */
class AlreadyStored extends Error {}

async function storeOnce(
  db: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
): Promise<string | null> {
  try {
    return await db.transaction().execute((trx) => storeMessage(trx, channel, inbound));
  } catch (error) {
    if (error instanceof AlreadyStored) return null;
    throw error;
  }
}

/**
 * Stores one message with everything it changes, in the caller's transaction: for a known
 * customer writing in an open conversation, five statements between begin and commit. A message
 * already stored for this channel (same external id) is found by its own insert, `on conflict do
 * nothing`, and the transaction is rolled back: the same event twice is stored once, and nothing
 * else is written for the second.
 */
export async function storeMessage(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
): Promise<string> {
  const accountId = channel.account_id;
  // One customer's messages are stored one at a time: a webhook delivered twice at once, or two
  // first messages from a new customer, cannot race to create the same rows.
  const { kind, value } = inbound.contact.identity;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${accountId}:${kind}:${value}`}, 0))`.execute(
    trx,
  );
  // Files are written before their message: never write their bytes for a duplicate.
  if (inbound.attachments?.some((file) => file.content)) {
    const duplicate = await trx
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channel.id)
      .where("external_id", "=", inbound.externalId)
      .executeTakeFirst();
    if (duplicate) throw new AlreadyStored();
  }

  const contact = await resolveContact(trx, accountId, inbound.contact);
  const found = await conversationFor(trx, channel, inbound, contact);
  // A provider's clock is not trusted past the dates PostgreSQL and people can use.
  const sentAt = inbound.sentAt && isPlausibleInstant(inbound.sentAt) ? inbound.sentAt : new Date();
  const quiet = await quietConversationFor(trx, {
    channel,
    contact,
    found,
    subject: inbound.subject ?? null,
    visibility: inbound.visibility,
    sentAt,
  });
  if (quiet) return storeQuietly(trx, channel, inbound, contact, quiet, sentAt);
  // "6", "👍", "très facile" in a resolved conversation whose survey waits: an answer, which
  // leaves the conversation resolved.
  const surveyAnswer =
    found?.status === "resolved" &&
    (await surveyReplyRecorder(trx, { accountId, conversationId: found.id, text: inbound.text }));
  // Ids chosen here, so the events can be written before the rows they name (in the same
  // transaction: nobody sees either before commit).
  const messageId = crypto.randomUUID();
  const conversationId = found?.id ?? crypto.randomUUID();
  const attachments = await storeAttachments(trx, accountId, messageId, inbound);

  const payload = { conversationId, messageId, contactId: contact.contactId };
  const events: EventInput[] = [];
  if (contact.created) {
    events.push({ accountId, name: "contact.created", payload: { contactId: contact.contactId } });
  }
  if (!found) events.push({ accountId, name: "conversation.created", payload });
  else if (!surveyAnswer) {
    const reopened = found.status !== "open";
    events.push({
      accountId,
      name: "conversation.updated",
      payload: { ...payload, changes: reopened ? ["status", "waitingSince"] : ["waitingSince"] },
    });
  }
  events.push({ accountId, name: "message.created", payload });
  await recordEvents(trx, events);

  // Last before commit, one statement: the message, and the conversation it opens or continues.
  const insertMessage = (creator: QueryCreator<DB>) =>
    creator
      .insertInto("messages")
      .values(
        inboundRow({ channel, inbound, contact, conversationId, messageId, attachments, sentAt }),
      )
      .onConflict((conflict) =>
        conflict
          .columns(["account_id", "channel_id", "external_id"])
          .where("external_id", "is not", null)
          .doNothing(),
      )
      .returning("id");
  const stored = found
    ? await trx
        .with("message", (db) => insertMessage(db))
        .with("continued", (db) =>
          db
            .updateTable("conversations")
            .set({
              status: surveyAnswer ? found.status : "open",
              snoozed_until: null,
              resolved_at: surveyAnswer ? found.resolved_at : null,
              waiting_since: surveyAnswer ? found.waiting_since : (found.waiting_since ?? sentAt),
              last_message_at: new Date(
                Math.max(sentAt.getTime(), found.last_message_at.getTime()),
              ),
              last_inbound_at: sentAt,
              updated_at: new Date(),
            })
            .where("account_id", "=", accountId)
            .where("id", "=", found.id)
            // Only if the message was inserted (not a duplicate).
            .where((eb) => eb.exists(eb.selectFrom("message").select("message.id")))
            .returning("id"),
        )
        .selectFrom("message")
        .select("message.id")
        .executeTakeFirst()
    : await insertMessage(
        withNewConversation(trx, { channel, inbound, contact, conversationId, sentAt }),
      ).executeTakeFirst();
  if (!stored) throw new AlreadyStored();
  return messageId;
}

/** The row of an inbound message. */
function inboundRow(props: {
  channel: Channel;
  inbound: InboundMessage;
  contact: ResolvedContact;
  conversationId: string;
  messageId: string;
  attachments: AttachmentMeta[];
  sentAt: Date;
}) {
  const { inbound, attachments } = props;
  return {
    account_id: props.channel.account_id,
    id: props.messageId,
    conversation_id: props.conversationId,
    channel_id: props.channel.id,
    direction: "in" as const,
    author_contact_id: props.contact.contactId,
    identity_id: props.contact.identity.id,
    text: inbound.text,
    html: inbound.html ? linkInlineImages(inbound.html, attachments) : null,
    attachments: JSON.stringify(attachments),
    visibility: inbound.visibility,
    external_id: inbound.externalId,
    in_reply_to_external_id: inbound.inReplyToExternalId ?? null,
    metadata: JSON.stringify(inbound.metadata ?? {}),
    created_at: props.sentAt,
  };
}

/**
 * A blocked contact's message, or one in a spam conversation: stored (with its files) in the
 * quiet conversation, and nothing else: no event, so nobody hears of it. A new contact's
 * `contact.created` cannot happen here (a contact created now is not blocked).
 */
async function storeQuietly(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
  contact: ResolvedContact,
  conversationId: string,
  sentAt: Date,
): Promise<string> {
  const accountId = channel.account_id;
  const messageId = crypto.randomUUID();
  const attachments = await storeAttachments(trx, accountId, messageId, inbound);
  const stored = await trx
    .insertInto("messages")
    .values({
      ...inboundRow({ channel, inbound, contact, conversationId, messageId, attachments, sentAt }),
      metadata: JSON.stringify({ ...inbound.metadata, quiet: true }),
    })
    .onConflict((conflict) =>
      conflict
        .columns(["account_id", "channel_id", "external_id"])
        .where("external_id", "is not", null)
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (!stored) throw new AlreadyStored();
  return messageId;
}

/** The files carried as bytes, stored with the id their message will have. */
async function storeAttachments(
  trx: Kysely<DB>,
  accountId: string,
  messageId: string,
  inbound: InboundMessage,
): Promise<AttachmentMeta[]> {
  const attachments: AttachmentMeta[] = [];
  for (const file of inbound.attachments ?? []) {
    if (file.content) {
      const row = await trx
        .insertInto("attachments")
        .values({
          account_id: accountId,
          message_id: messageId,
          filename: file.filename,
          content_type: file.contentType,
          size: file.content.length,
          content_id: file.contentId ?? null,
          content: file.content,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      attachments.push({
        id: row.id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.length,
        contentId: file.contentId,
        inline: file.inline,
      });
    } else if (file.url) {
      attachments.push({
        id: crypto.randomUUID(),
        filename: file.filename,
        contentType: file.contentType,
        size: 0,
        url: file.url,
      });
    }
  }
  return attachments;
}

const DELIVERY_ORDER = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

async function applyUpdate(
  trx: Kysely<DB>,
  channel: Channel,
  item: Exclude<InboundItem, { type: "message" } | { type: "quarantine" }>,
): Promise<boolean> {
  const message = await trx
    .selectFrom("messages")
    .selectAll()
    .where("account_id", "=", channel.account_id)
    .where("channel_id", "=", channel.id)
    .where("external_id", "=", item.externalId)
    .forUpdate()
    .executeTakeFirst();
  if (!message) return false;
  const at = item.at ?? new Date();

  if (item.type === "status") {
    const current = message.delivery_status ?? "queued";
    if (item.status !== "failed" && DELIVERY_ORDER[item.status] <= DELIVERY_ORDER[current])
      return false;
    await trx
      .updateTable("messages")
      .set({
        delivery_status: item.status,
        delivery_error: item.status === "failed" ? (item.error ?? "Delivery failed.") : null,
        sent_at: message.sent_at ?? at,
        delivered_at:
          item.status === "delivered" || item.status === "read"
            ? (message.delivered_at ?? at)
            : message.delivered_at,
        read_at: item.status === "read" ? at : message.read_at,
      })
      .where("account_id", "=", message.account_id)
      .where("id", "=", message.id)
      .execute();
  } else if (item.type === "edit") {
    const history = [
      ...(((message.metadata as Record<string, unknown>).history as unknown[]) ?? []),
      { text: message.text, at: (message.edited_at ?? message.created_at).toISOString() },
    ];
    await trx
      .updateTable("messages")
      .set({
        text: item.text,
        html: item.html ?? null,
        edited_at: at,
        metadata: JSON.stringify({ ...message.metadata, history }),
      })
      .where("account_id", "=", message.account_id)
      .where("id", "=", message.id)
      .execute();
  } else {
    if (message.deleted_at) return false;
    await trx
      .updateTable("messages")
      .set({ deleted_at: at })
      .where("account_id", "=", message.account_id)
      .where("id", "=", message.id)
      .execute();
  }
  await recordEvent(trx, {
    accountId: message.account_id,
    name: "message.updated",
    payload: {
      conversationId: message.conversation_id,
      messageId: message.id,
      changes: [item.type],
    },
  });
  return true;
}
