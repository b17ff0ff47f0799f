import { conversationBulkUpdater } from "../../../commands/conversationBulkUpdater.ts";
import type { Conversation } from "../../../db/schema.ts";
import { authorize, can } from "../../../policies/index.ts";
import { defineRoute } from "../../route.ts";
import { ZConversationBulkRequest, ZConversationBulkResponse } from "./schema.ts";

export const conversationBulkRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/bulk",
    summary:
      "Apply one change (assign, team, status, priority, snooze, add or remove labels) to up to 100 conversations",
    tags: ["Conversations"],
    auth: "user",
    body: ZConversationBulkRequest,
    response: ZConversationBulkResponse,
    async handle({ services, actor, body }) {
      authorize(actor, "conversation.update");
      const assigning = body.changes.assigneeId !== undefined || body.changes.teamId !== undefined;
      // Each conversation is judged on its own: one refused is reported, the others changed.
      const allowed = (conversation: Conversation) =>
        can(actor, "conversation.update", conversation) &&
        (!assigning || can(actor, "conversation.assign", conversation));
      return { data: await conversationBulkUpdater(services.db, { actor, ...body, allowed }) };
    },
  }),
];
