import type { ChannelKind } from "../../shared/enums.ts";
import type { TMessage } from "../../shared/schemas.ts";
import type { MessageRow } from "../models/messages.ts";
import { iso, isoOrNull } from "./dates.ts";

/** Provider bookkeeping that is of no use to agents stays on the server. */
const PRIVATE_METADATA = new Set(["raw", "history"]);

/**
 * One message as agents see it; `maxAttempts` (RELAIS_DELIVERY_MAX_ATTEMPTS) says how many
 * attempts a reply being retried has left.
 */
export function presentMessage(row: MessageRow, maxAttempts: number): TMessage {
  const author: TMessage["author"] = row.author_user_id
    ? { type: "user", id: row.author_user_id, name: row.user_name }
    : row.author_contact_id
      ? { type: "contact", id: row.author_contact_id, name: row.contact_name }
      : { type: "system", id: null, name: null };
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    visibility: row.visibility,
    author,
    channel:
      row.channel_id && row.channel_kind
        ? {
            id: row.channel_id,
            kind: row.channel_kind as ChannelKind,
            name: row.channel_name ?? "",
          }
        : null,
    text: row.deleted_at ? "" : row.text,
    html: row.deleted_at ? null : row.html,
    attachments: row.attachments.map((attachment) => ({
      id: attachment.id,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      url: attachment.url ?? `/api/v1/attachments/${attachment.id}`,
      inline: attachment.inline ?? false,
      ...(attachment.unavailable ? { unavailable: attachment.unavailable } : {}),
    })),
    externalId: row.external_id,
    delivery: row.delivery_status
      ? {
          status: row.delivery_status,
          error: row.delivery_error,
          attempts: row.delivery_attempts,
          sentAt: isoOrNull(row.sent_at),
          deliveredAt: isoOrNull(row.delivered_at),
          readAt: isoOrNull(row.read_at),
          // A failed attempt recorded and the message queued again; while the next attempt is
          // in flight (send started), the failed one is still the last that counts.
          retry:
            row.delivery_status === "queued" && row.delivery_error !== null
              ? {
                  attempt: Math.max(1, row.delivery_attempts - (row.send_started_at ? 1 : 0)),
                  maxAttempts,
                  nextAttemptAt: isoOrNull(row.delivery_next_attempt_at),
                  lastError: row.delivery_error,
                }
              : null,
        }
      : null,
    metadata: Object.fromEntries(
      Object.entries(row.metadata).filter(([key]) => !PRIVATE_METADATA.has(key)),
    ),
    editedAt: isoOrNull(row.edited_at),
    deleted: row.deleted_at !== null,
    createdAt: iso(row.created_at),
  };
}
