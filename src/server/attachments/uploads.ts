import type { Kysely } from "kysely";
import type { AttachmentCapability, OutboundAttachment } from "../channels/provider.ts";
import type { AttachmentMeta, DB } from "../db/schema.ts";
import { badRequest, notFound, unprocessable } from "../errors.ts";

/** The most files one reply may carry, whatever its channel. */
export const MAX_ATTACHMENTS_PER_REPLY = 10;
/** Uploads no reply has claimed are removed after this long. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

const FALLBACK_TYPE = "application/octet-stream";
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * Marks and overrides that reorder text: "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
 * (U+200E/F, U+202A–U+202E, U+2066–U+2069.)
 */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * A name safe to store, show and put in a Content-Disposition or MIME header: no folders, no
 * control or bidirectional-override characters, no leading dots, at most 200 characters (the extension kept).
 */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && char !== '"' && !BIDI_CONTROLS.test(char);
  });
  const visible = printable.join("").trim().replace(/^\.+/, "");
  if (!visible) return "file";
  if (visible.length <= 200) return visible;
  const dot = visible.lastIndexOf(".");
  const extension = dot > 0 && visible.length - dot <= 16 ? visible.slice(dot) : "";
  return visible.slice(0, 200 - extension.length) + extension;
}

/** The media type the uploader declared, without parameters; unknown or malformed is binary. */
export function cleanContentType(raw: string | undefined): string {
  const type = (raw ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return MEDIA_TYPE.test(type) ? type : FALLBACK_TYPE;
}

export interface StoredUpload {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Stores an agent's file, linked to no message yet. */
export async function storeUpload(
  db: Kysely<DB>,
  props: {
    accountId: string;
    userId: string;
    filename: string;
    contentType?: string;
    content: Buffer;
  },
): Promise<StoredUpload> {
  if (props.content.length === 0) throw badRequest("empty_file", "The file is empty.");
  const filename = cleanFilename(props.filename);
  const contentType = cleanContentType(props.contentType);
  const row = await db
    .insertInto("attachments")
    .values({
      account_id: props.accountId,
      filename,
      content_type: contentType,
      size: props.content.length,
      content: props.content,
      uploaded_by: props.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, filename, contentType, size: props.content.length };
}

/**
 * The account's uploads not yet sent, named by a reply, locked until the reply commits: each
 * must exist in this account and be unclaimed, else the whole reply is refused (404).
 */
export async function findUploads(
  trx: Kysely<DB>,
  accountId: string,
  ids: readonly string[],
): Promise<AttachmentMeta[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  if (wanted.length > MAX_ATTACHMENTS_PER_REPLY) {
    throw unprocessable(
      "too_many_attachments",
      `A reply can carry at most ${MAX_ATTACHMENTS_PER_REPLY} files.`,
    );
  }
  const rows = await trx
    .selectFrom("attachments")
    .select(["id", "filename", "content_type", "size"])
    .where("account_id", "=", accountId)
    .where("id", "in", wanted)
    .where("message_id", "is", null)
    .where("uploaded_by", "is not", null)
    .forUpdate()
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return wanted.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound("Attachment");
    return { id: row.id, filename: row.filename, contentType: row.content_type, size: row.size };
  });
}

/** Refuses any file on a channel that cannot carry files. */
export function checkAttachmentsAllowed(
  capability: AttachmentCapability | undefined,
): asserts capability is AttachmentCapability {
  if (!capability) {
    throw unprocessable(
      "attachments_unsupported",
      "This channel cannot send files: remove the attachments, or share a link in the text.",
    );
  }
}

/** Refuses files the channel cannot carry, with a reason the agent can act on. */
export function checkAttachmentsFit(
  capability: AttachmentCapability | undefined,
  files: readonly AttachmentMeta[],
): void {
  if (files.length === 0) return;
  checkAttachmentsAllowed(capability);
  if (files.length > capability.maxFiles) {
    throw unprocessable(
      "too_many_attachments",
      `This channel sends at most ${capability.maxFiles} files per reply.`,
    );
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > capability.maxTotalBytes) {
    const megabytes = Math.floor(capability.maxTotalBytes / (1024 * 1024));
    throw unprocessable(
      "attachments_too_large",
      `The files of one reply may weigh at most ${megabytes} MB together on this channel.`,
    );
  }
}

/** Links the claimed uploads to the message that carries them (same transaction). */
export async function linkUploads(
  trx: Kysely<DB>,
  accountId: string,
  messageId: string,
  files: readonly AttachmentMeta[],
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .updateTable("attachments")
    .set({ message_id: messageId })
    .where("account_id", "=", accountId)
    .where(
      "id",
      "in",
      files.map((file) => file.id),
    )
    .where("message_id", "is", null)
    .execute();
}

/** An upload the agent removed from the composer before sending: gone at once. */
export async function discardUpload(db: Kysely<DB>, accountId: string, id: string) {
  const deleted = await db
    .deleteFrom("attachments")
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .where("message_id", "is", null)
    .where("uploaded_by", "is not", null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** Uploads no reply claimed within their lifetime, removed; returns how many. */
export async function sweepUploads(db: Kysely<DB>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UPLOAD_LIFETIME_MS);
  const deleted = await db
    .deleteFrom("attachments")
    .where("message_id", "is", null)
    .where("uploaded_by", "is not", null)
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** The files of an outbound message, with their bytes, in the order the agent attached them. */
export async function loadOutboundAttachments(
  db: Kysely<DB>,
  accountId: string,
  messageId: string,
  files: readonly AttachmentMeta[],
): Promise<OutboundAttachment[]> {
  const stored = files.filter((file) => !file.url);
  if (stored.length === 0) return [];
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "filename", "content_type", "size", "content"])
    .where("account_id", "=", accountId)
    .where(
      "id",
      "in",
      stored.map((file) => file.id),
    )
    .where("message_id", "=", messageId)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return stored.flatMap((file) => {
    const row = byId.get(file.id);
    if (!row) return [];
    return [
      {
        id: row.id,
        filename: row.filename,
        contentType: row.content_type,
        size: row.size,
        content: Buffer.from(row.content),
      },
    ];
  });
}
