import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import { MediaUnavailable } from "../../channels/media.ts";
import { findChannel, resolveChannel } from "../../channels/resolve.ts";
import type { AttachmentMeta, DB } from "../../db/schema.ts";
import { recordEvent } from "../../events/outbox.ts";
import type { Processor } from "../processor.ts";

/** Types a provider may declare that have no signature to check the bytes against. */
const UNSIGNED_TYPES = /^(text\/|application\/(json|xml|csv))/;

/**
 * Downloads the files an inbound message named without their bytes (a WhatsApp media id, a
 * Messenger or Instagram attachment URL, an X DM's photo), while the provider's links still
 * work, and keeps each as a real attachment: at most `RELAIS_ATTACHMENT_MAX_BYTES`, its type
 * read from its bytes. A download worth another attempt (5xx, rate limit, network) throws and
 * the job is retried; a file that will never be had is marked unavailable, with the reason.
 * Idempotent: a file already kept is not fetched again.
 */
export const inboundMediaProcessor: Processor = {
  name: "inbound-media",
  events: ["message.created"],
  retryLimit: 5,
  async handle(services, event) {
    const { messageId } = event.payload;
    if (typeof messageId !== "string") return;
    const message = await services.db
      .selectFrom("messages")
      .select(["id", "channel_id", "direction", "attachments"])
      .where("account_id", "=", event.accountId)
      .where("id", "=", messageId)
      .executeTakeFirst();
    if (!message?.channel_id || message.direction !== "in") return;
    const remote = message.attachments.filter((file) => file.url && !file.unavailable);
    if (remote.length === 0) return;
    const row = await findChannel(services.db, event.accountId, message.channel_id);
    if (!row || row.disabled_at) return;
    const { provider, channel } = resolveChannel(row, services.secrets);
    if (!provider.fetchMedia) return;
    const log = services.log.child({ accountId: event.accountId, messageId, channelId: row.id });
    const context = {
      timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
      maxBytes: services.env.RELAIS_ATTACHMENT_MAX_BYTES,
      allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
    };
    for (const file of remote) {
      let kept: Kept;
      try {
        const fetched = await provider.fetchMedia(
          channel,
          { url: file.url as string, contentType: file.contentType },
          context,
        );
        if (!fetched) continue;
        kept = { content: fetched.content, contentType: await checkedType(fetched.content, file) };
      } catch (error) {
        if (!(error instanceof MediaUnavailable)) throw error;
        kept = { unavailable: error.reason };
      }
      await services.db
        .transaction()
        .execute((trx) => keep(trx, event.accountId, messageId, file.id, kept));
      log.info(
        { attachmentId: file.id, kept: !("unavailable" in kept) },
        "inbound media downloaded",
      );
    }
  },
};

type Kept = { content: Buffer; contentType: string } | { unavailable: "too_large" | "unavailable" };

/**
 * The type the bytes show (a "photo" that is really an executable is not an image); a type with
 * no signature (plain text, CSV) is taken as declared, anything else unknown is a plain file.
 */
async function checkedType(content: Buffer, file: AttachmentMeta): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return detected.mime;
  return UNSIGNED_TYPES.test(file.contentType) ? file.contentType : "application/octet-stream";
}

/** Stores the file under its message and points the message's entry at it, once. */
async function keep(
  trx: Kysely<DB>,
  accountId: string,
  messageId: string,
  attachmentId: string,
  kept: Kept,
) {
  const message = await trx
    .selectFrom("messages")
    .select(["id", "conversation_id", "attachments"])
    .where("account_id", "=", accountId)
    .where("id", "=", messageId)
    .forUpdate()
    .executeTakeFirst();
  const entry = message?.attachments.find((file) => file.id === attachmentId);
  if (!message || !entry?.url || entry.unavailable) return;
  let replacement: AttachmentMeta;
  if ("unavailable" in kept) {
    replacement = { ...entry, unavailable: kept.unavailable };
  } else {
    const row = await trx
      .insertInto("attachments")
      .values({
        account_id: accountId,
        message_id: messageId,
        filename: entry.filename,
        content_type: kept.contentType,
        size: kept.content.length,
        content_id: null,
        content: kept.content,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    replacement = {
      id: row.id,
      filename: entry.filename,
      contentType: kept.contentType,
      size: kept.content.length,
    };
  }
  await trx
    .updateTable("messages")
    .set({
      attachments: JSON.stringify(
        message.attachments.map((file) => (file.id === attachmentId ? replacement : file)),
      ),
    })
    .where("account_id", "=", accountId)
    .where("id", "=", messageId)
    .execute();
  await recordEvent(trx, {
    accountId,
    name: "message.updated",
    payload: { conversationId: message.conversation_id, messageId, changes: ["attachments"] },
  });
}
