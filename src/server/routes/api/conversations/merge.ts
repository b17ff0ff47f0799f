import { ZConversation } from "../../../../shared/schemas.ts";
import { conversationMerger } from "../../../commands/conversationMerger.ts";
import { loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { presentOne } from "./conversations.ts";
import { ZConversationMergeRequest } from "./schema.ts";

export const conversationMergeRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/merge",
    summary:
      "Merge another conversation of the same customer into this one (a repeat of the same " +
      "problem): its messages, notes, calls, callbacks and promises move here, and it stays " +
      "resolved, empty, pointing here; audited",
    tags: ["Conversations"],
    auth: "user",
    params: ZIdParams,
    body: ZConversationMergeRequest,
    response: ZConversation,
    async handle({ services, actor, params, body }) {
      const target = await loadConversation(services.db, actor, "conversation.merge", params.id);
      await conversationMerger(services.db, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        targetId: target.id,
        sourceId: body.sourceId,
      });
      return { data: await presentOne(services, actor, target.id) };
    },
  }),
];
