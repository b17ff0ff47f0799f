import type { TEmailQuarantineDetail, TEmailQuarantineItem } from "../../shared/emailQuarantine.ts";
import type { QuarantineRow } from "../models/emailQuarantine.ts";
import { iso, isoOrNull } from "./dates.ts";

const PREVIEW_CHARS = 280;

export function presentQuarantineItem(row: QuarantineRow): TEmailQuarantineItem {
  return {
    id: row.id,
    channel: { id: row.channel_id, name: row.channel_name, address: row.channel_address },
    reason: row.reason,
    sender: row.sender,
    subject: row.subject,
    preview: row.text.replace(/\s+/g, " ").trim().slice(0, PREVIEW_CHARS),
    size: row.size,
    status: row.status,
    receivedAt: iso(row.received_at),
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedByUserId: row.resolved_by_user_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
  };
}

export function presentQuarantineDetail(row: QuarantineRow): TEmailQuarantineDetail {
  const envelope = row.envelope as { sender?: unknown; recipients?: unknown };
  return {
    ...presentQuarantineItem(row),
    text: row.text,
    envelope: {
      sender: typeof envelope.sender === "string" ? envelope.sender : null,
      recipients: Array.isArray(envelope.recipients) ? envelope.recipients.map(String) : [],
    },
  };
}
