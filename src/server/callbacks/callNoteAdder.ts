import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { findConversationCall } from "../models/calls.ts";
import { addNote } from "./notes.ts";

/**
 * The agent's notes on a call of the conversation: an internal note that names the call
 * (metadata.callId), so the timeline shows it with the call. Returns the note's id.
 */
export async function callNoteAdder(
  db: Kysely<DB>,
  props: { actor: Actor; conversation: Conversation; callId: string; text: string },
): Promise<string | null> {
  const { actor, conversation } = props;
  const call = await findConversationCall(db, actor.accountId, conversation.id, props.callId);
  if (!call) throw notFound("Call");
  return db.transaction().execute(async (trx) => {
    const id = await addNote(trx, {
      accountId: actor.accountId,
      conversationId: conversation.id,
      authorUserId: actor.userId,
      text: props.text,
      metadata: { callId: call.id, callSid: call.external_id, callbackId: call.callback_id },
    });
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["call"] },
      actorUserId: actor.userId,
    });
    return id;
  });
}
