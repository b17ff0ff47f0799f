import { z } from "zod";
import { ZMessage } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { addNote } from "../../../callbacks/notes.ts";
import { publishTyping } from "../../../channels/chat/typing.ts";
import { notFound } from "../../../errors.ts";
import { recordEvent } from "../../../events/outbox.ts";
import { findConversation } from "../../../models/conversations.ts";
import { findMessageRow } from "../../../models/messages.ts";
import { authorize } from "../../../policies/index.ts";
import { iso, isoOrNull } from "../../../presenters/dates.ts";
import { presentMessage } from "../../../presenters/message.ts";
import type { Services } from "../../../services.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZCall, ZCallNoteRequest } from "./schema.ts";

const tags = ["Callbacks"];

async function loadConversation(services: Services, actor: Actor, id: string) {
  const conversation = await findConversation(services.db, actor.accountId, id);
  if (!conversation) throw notFound("Conversation");
  authorize(actor, "conversation.read", conversation);
  return conversation;
}

export const conversationCallRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/typing",
    summary:
      "Say the agent is typing: shown to the chat visitor for a few seconds (renew every 3 s)",
    tags: ["Conversations"],
    auth: "user",
    params: ZIdParams,
    response: z.object({ ok: z.boolean() }),
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(services, actor, params.id);
      authorize(actor, "conversation.reply", conversation);
      await publishTyping(services.db, {
        accountId: actor.accountId,
        conversationId: conversation.id,
        userId: actor.userId,
        typing: true,
      });
      return { data: { ok: true } };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/conversations/:id/calls",
    summary: "The phone calls of a conversation (callbacks made and calls received)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(ZCall),
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(services, actor, params.id);
      const calls = await services.db
        .selectFrom("calls")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("conversation_id", "=", conversation.id)
        .orderBy("created_at")
        .execute();
      return {
        data: calls.map((call) => ({
          id: call.id,
          conversationId: call.conversation_id,
          callbackId: call.callback_id,
          direction: call.direction,
          status: call.status,
          from: call.from_number,
          to: call.to_number,
          durationSeconds: call.duration_seconds,
          recordingUrl: call.recording_url,
          answeredAt: isoOrNull(call.answered_at),
          endedAt: isoOrNull(call.ended_at),
          createdAt: iso(call.created_at),
        })),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/call-notes",
    summary: "The agent's notes on a call: an internal note tied to the call (metadata.callId)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCallNoteRequest,
    response: ZMessage,
    status: 201,
    async handle({ services, actor, params, body }) {
      const conversation = await loadConversation(services, actor, params.id);
      authorize(actor, "conversation.note", conversation);
      const call = await services.db
        .selectFrom("calls")
        .select(["id", "external_id", "callback_id"])
        .where("account_id", "=", actor.accountId)
        .where("conversation_id", "=", conversation.id)
        .where("id", "=", body.callId)
        .executeTakeFirst();
      if (!call) throw notFound("Call");
      const messageId = await services.db.transaction().execute(async (trx) => {
        const id = await addNote(trx, {
          accountId: actor.accountId,
          conversationId: conversation.id,
          authorUserId: actor.userId,
          text: body.text,
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
      const row = messageId
        ? await findMessageRow(services.db, actor.accountId, messageId)
        : undefined;
      if (!row) throw notFound("Message");
      return { data: presentMessage(row) };
    },
  }),
];
