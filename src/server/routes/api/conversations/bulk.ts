import { conversationBulkUpdater } from "../../../commands/conversationBulkUpdater.ts";
import { authorize } from "../../../policies/index.ts";
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
      return { data: await conversationBulkUpdater(services.db, { actor, ...body }) };
    },
  }),
];
