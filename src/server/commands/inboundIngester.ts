import { type Kysely, sql } from "kysely";
import type { InboundItem, InboundMessage } from "../channels/provider.ts";
import type { AttachmentMeta, Channel, Conversation, DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import { nextConversationNumber } from "../models/conversations.ts";
import { contactResolver } from "./contactResolver.ts";
import { linkInlineImages } from "./inlineImages.ts";

export interface IngestOutcome {
  stored: number;
  duplicates: number;
  updates: number;
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
  const outcome: IngestOutcome = { stored: 0, duplicates: 0, updates: 0, messageIds: [] };
  for (const item of items) {
    if (item.type === "message") {
      const id = await retryOnConflict(() =>
        db.transaction().execute((trx) => storeMessage(trx, channel, item.message)),
      );
      if (id) {
        outcome.stored += 1;
        outcome.messageIds.push(id);
      } else {
        outcome.duplicates += 1;
      }
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

async function storeMessage(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
): Promise<string | null> {
  const accountId = channel.account_id;
  // One customer's messages are stored one at a time: a webhook delivered twice at once, or two
  // first messages from a new customer, cannot race to create the same rows.
  const { kind, value } = inbound.contact.identity;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${accountId}:${kind}:${value}`}, 0))`.execute(
    trx,
  );
  const duplicate = await trx
    .selectFrom("messages")
    .select("id")
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channel.id)
    .where("external_id", "=", inbound.externalId)
    .executeTakeFirst();
  if (duplicate) return null;

  const contact = await contactResolver(trx, accountId, inbound.contact);
  const sentAt = inbound.sentAt ?? new Date();
  const { conversation, created } = await conversationFor(trx, channel, inbound, contact.contactId);

  const attachments: AttachmentMeta[] = [];
  for (const file of inbound.attachments ?? []) {
    if (file.content) {
      const row = await trx
        .insertInto("attachments")
        .values({
          account_id: accountId,
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

  const message = await trx
    .insertInto("messages")
    .values({
      account_id: accountId,
      conversation_id: conversation.id,
      channel_id: channel.id,
      direction: "in",
      author_contact_id: contact.contactId,
      text: inbound.text,
      html: inbound.html ? linkInlineImages(inbound.html, attachments) : null,
      attachments: JSON.stringify(attachments),
      visibility: inbound.visibility,
      external_id: inbound.externalId,
      in_reply_to_external_id: inbound.inReplyToExternalId ?? null,
      metadata: JSON.stringify(inbound.metadata ?? {}),
      created_at: sentAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (attachments.some((file) => !file.url)) {
    await trx
      .updateTable("attachments")
      .set({ message_id: message.id })
      .where("account_id", "=", accountId)
      .where(
        "id",
        "in",
        attachments.filter((file) => !file.url).map((file) => file.id),
      )
      .execute();
  }

  const reopened = conversation.status !== "open";
  await trx
    .updateTable("conversations")
    .set({
      status: "open",
      snoozed_until: null,
      resolved_at: null,
      waiting_since: conversation.waiting_since ?? sentAt,
      last_message_at: new Date(Math.max(sentAt.getTime(), conversation.last_message_at.getTime())),
      last_inbound_at: sentAt,
      updated_at: new Date(),
    })
    .where("account_id", "=", accountId)
    .where("id", "=", conversation.id)
    .execute();

  const payload = {
    conversationId: conversation.id,
    messageId: message.id,
    contactId: contact.contactId,
  };
  if (created) await recordEvent(trx, { accountId, name: "conversation.created", payload });
  else {
    await recordEvent(trx, {
      accountId,
      name: "conversation.updated",
      payload: { ...payload, changes: reopened ? ["status", "waitingSince"] : ["waitingSince"] },
    });
  }
  await recordEvent(trx, { accountId, name: "message.created", payload });
  return message.id;
}

/**
 * A token the provider checked (a conversation number of the account) or a reference to a
 * message already stored on this channel continues that conversation, even resolved (the
 * caller reopens it). Otherwise a public thread stays one conversation; a private exchange
 * continues the customer's latest unresolved conversation on this channel, or starts a new one.
 */
async function conversationFor(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
  contactId: string,
): Promise<{ conversation: Conversation; created: boolean }> {
  const accountId = channel.account_id;
  const lockConversation = (where: { number: number } | { id: string }) =>
    trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where((eb) => ("id" in where ? eb("id", "=", where.id) : eb("number", "=", where.number)))
      .forUpdate()
      .executeTakeFirst();
  if (inbound.conversationNumber !== undefined) {
    const named = await lockConversation({ number: inbound.conversationNumber });
    if (named) return { conversation: named, created: false };
  }
  if (inbound.references?.length) {
    const referenced = await trx
      .selectFrom("messages")
      .select("conversation_id")
      .where("account_id", "=", accountId)
      .where("channel_id", "=", channel.id)
      .where("external_id", "in", inbound.references)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    const continued = referenced && (await lockConversation({ id: referenced.conversation_id }));
    if (continued) return { conversation: continued, created: false };
  }
  const base = trx
    .selectFrom("conversations")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("channel_id", "=", channel.id)
    .orderBy("last_message_at", "desc")
    .limit(1)
    .forUpdate();
  const existing = inbound.threadId
    ? await base.where("external_thread_id", "=", inbound.threadId).executeTakeFirst()
    : await base
        .where("contact_id", "=", contactId)
        .where("status", "!=", "resolved")
        .where("visibility", "=", inbound.visibility)
        .executeTakeFirst();
  if (existing) return { conversation: existing, created: false };

  const number = await nextConversationNumber(trx, accountId);
  const conversation = await trx
    .insertInto("conversations")
    .values({
      account_id: accountId,
      number,
      contact_id: contactId,
      channel_id: channel.id,
      subject: inbound.subject ?? null,
      visibility: inbound.visibility,
      external_thread_id: inbound.threadId ?? null,
      last_message_at: inbound.sentAt ?? new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { conversation, created: true };
}

const DELIVERY_ORDER = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

async function applyUpdate(
  trx: Kysely<DB>,
  channel: Channel,
  item: Exclude<InboundItem, { type: "message" }>,
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
