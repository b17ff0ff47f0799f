import type { ChannelKind, MessageDirection } from "../../shared/enums.ts";
import type { TConversation } from "../../shared/schemas.ts";
import type { CustomerPromise, SlaClock } from "../db/schema/slaPromises.ts";
import type { ConversationRow } from "../models/conversations.ts";
import { iso, isoOrNull } from "./dates.ts";
import { presentConversationSla } from "./sla.ts";

/** What the conversation row does not carry: its SLA clocks and its open promise. */
export interface ConversationExtras {
  clocks: readonly SlaClock[];
  openPromise: CustomerPromise | null;
}

export function presentConversation(
  row: ConversationRow,
  extras: ConversationExtras = { clocks: [], openPromise: null },
): TConversation {
  const promise = extras.openPromise;
  const last = row.last_message;
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    visibility: row.visibility,
    contact: {
      id: row.contact_id,
      name: row.contact_name,
      email: row.contact_email,
      phone: row.contact_phone,
      avatarUrl: row.contact_avatar_url,
    },
    channel:
      row.channel_id && row.channel_kind
        ? {
            id: row.channel_id,
            kind: row.channel_kind as ChannelKind,
            name: row.channel_name ?? "",
          }
        : null,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? "" } : null,
    language: row.language,
    category: row.category,
    categoryConfidence: row.category_confidence,
    sentiment: row.sentiment,
    sentimentScore: row.sentiment_score,
    urgencyScore: row.urgency_score,
    labels: row.labels,
    waitingSince: isoOrNull(row.waiting_since),
    firstResponseAt: isoOrNull(row.first_response_at),
    resolvedAt: isoOrNull(row.resolved_at),
    snoozedUntil: isoOrNull(row.snoozed_until),
    lastMessageAt: iso(row.last_message_at),
    lastMessage: last
      ? {
          text: last.text.slice(0, 280),
          direction: last.direction as MessageDirection,
          createdAt: iso(last.created_at),
        }
      : null,
    unread: Boolean(row.unread),
    createdAt: iso(row.created_at),
    sla: presentConversationSla(extras.clocks),
    openPromise: promise
      ? { id: promise.id, text: promise.text, dueAt: iso(promise.due_at) }
      : null,
    updatedAt: iso(row.updated_at),
    spam: row.spam_at !== null,
  };
}
