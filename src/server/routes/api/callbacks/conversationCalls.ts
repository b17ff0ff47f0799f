import { ZMessage } from "../../../../shared/schemas.ts";
import { callNoteAdder } from "../../../callbacks/callNoteAdder.ts";
import { publishTyping } from "../../../channels/chat/typing.ts";
import { notFound } from "../../../errors.ts";
import { listCalls } from "../../../models/calls.ts";
import { findMessageRow } from "../../../models/messages.ts";
import { presentCall } from "../../../presenters/call.ts";
import { presentMessage } from "../../../presenters/message.ts";
import { loadConversation } from "../../authorized.ts";
import { defineConversationListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZCall, ZCallNoteRequest, ZTypingAnswer } from "./schema.ts";

const tags = ["Callbacks"];

export const conversationCallRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/typing",
    summary:
      "Say the agent is typing: shown to the chat visitor for a few seconds (renew every 3 s)",
    tags: ["Conversations"],
    auth: "user",
    params: ZIdParams,
    response: ZTypingAnswer,
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.reply",
        params.id,
      );
      await publishTyping(services.db, {
        accountId: actor.accountId,
        conversationId: conversation.id,
        userId: actor.userId,
        typing: true,
      });
      return { data: { ok: true } };
    },
  }),

  defineConversationListRoute({
    url: "/api/v1/conversations/:id/calls",
    summary: "The phone calls of a conversation (callbacks made and calls received)",
    tags,
    item: ZCall,
    list: (db, conversation) => listCalls(db, conversation.account_id, conversation.id),
    present: presentCall,
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
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.note",
        params.id,
      );
      const messageId = await callNoteAdder(services.db, {
        actor,
        conversation,
        callId: body.callId,
        text: body.text,
      });
      const row = messageId
        ? await findMessageRow(services.db, actor.accountId, messageId)
        : undefined;
      if (!row) throw notFound("Message");
      return { data: presentMessage(row, services.env.RELAIS_DELIVERY_MAX_ATTEMPTS) };
    },
  }),
];
