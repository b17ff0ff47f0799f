import { type Kysely, sql } from "kysely";
import type { LiveEvent } from "../../../shared/events.ts";
import type { DB } from "../../db/schema.ts";
import { EVENTS_CHANNEL } from "../../events/outbox.ts";

/** How long a typing indicator stays up unless renewed (the widget and agents renew every 3 s). */
export const TYPING_TTL_MS = 6000;

/**
 * "Someone is typing" reaches every server process over the events channel, like any live
 * event, but is not written to the outbox: it is worthless a few seconds later, and storing a
 * row per keystroke burst would only feed the relay. Its id is 0 (never a stored event's).
 */
export async function publishTyping(
  db: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    contactId?: string;
    userId?: string;
    typing: boolean;
  },
): Promise<void> {
  const event: LiveEvent = {
    id: 0,
    name: "conversation.typing",
    accountId: props.accountId,
    payload: {
      conversationId: props.conversationId,
      contactId: props.contactId,
      userId: props.userId,
      changes: [props.typing ? "started" : "stopped"],
    },
    actorUserId: props.userId ?? null,
    createdAt: new Date().toISOString(),
  };
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}
