import { z } from "zod";
import { ZConversation } from "../../../../shared/schemas.ts";
import { conversationSpamMarker } from "../../../commands/conversationSpamMarker.ts";
import { authorize } from "../../../policies/index.ts";
import { loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { presentOne } from "./conversations.ts";

const tags = ["Conversations"];

export const ZSpamRequest = z
  .object({
    blockSender: z
      .boolean()
      .optional()
      .describe("Also block the customer who wrote it (their messages then open nothing)"),
  })
  .strict();

export const conversationSpamRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/spam",
    summary:
      "Mark as spam: closed, left out of lists (by default) and reports, later messages kept " +
      "without reopening it; the sender blocked on request (audited)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZSpamRequest,
    response: ZConversation,
    async handle({ services, actor, params, body }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.spam",
        params.id,
      );
      if (body.blockSender) authorize(actor, "contact.block", conversation);
      await conversationSpamMarker(services.db, {
        actor,
        conversationId: conversation.id,
        spam: true,
        blockSender: body.blockSender,
      });
      return { data: await presentOne(services, actor, conversation.id) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/conversations/:id/spam",
    summary: "Not spam after all: the mark is taken off (the conversation stays resolved; audited)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZConversation,
    async handle({ services, actor, params }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.spam",
        params.id,
      );
      await conversationSpamMarker(services.db, {
        actor,
        conversationId: conversation.id,
        spam: false,
      });
      return { data: await presentOne(services, actor, conversation.id) };
    },
  }),
];
