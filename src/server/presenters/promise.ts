import type { TPromise } from "../../shared/sla.ts";
import type { CustomerPromise } from "../db/schema/slaPromises.ts";
import { iso, isoOrNull } from "./dates.ts";

export function presentPromise(row: CustomerPromise): TPromise {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    callbackId: row.callback_id,
    text: row.text,
    dueAt: iso(row.due_at),
    followUp: row.follow_up,
    status: row.status,
    madeByUserId: row.made_by_user_id,
    keptAt: isoOrNull(row.kept_at),
    keptOnTime: row.kept_at ? new Date(row.kept_at) <= new Date(row.due_at) : null,
    brokenAt: isoOrNull(row.broken_at),
    reschedules: row.reschedules,
    createdAt: iso(row.created_at),
  };
}
