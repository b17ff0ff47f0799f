import type { TPromise } from "../../shared/sla.ts";
import type { CustomerPromise } from "../db/schema/slaPromises.ts";
import type { ListedPromise } from "../models/promises.ts";
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

/** A promise in a list: with who made it and the conversation it was made on. */
export function presentListedPromise(row: ListedPromise): TPromise {
  return {
    ...presentPromise(row),
    madeBy:
      row.made_by_user_id && row.made_by_name
        ? { id: row.made_by_user_id, name: row.made_by_name }
        : null,
    conversation: { number: Number(row.conversation_number), contactName: row.contact_name },
  };
}
