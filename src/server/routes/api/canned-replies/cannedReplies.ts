import { cannedReplyCreator } from "../../../commands/cannedReplyCreator.ts";
import { cannedReplyDeleter } from "../../../commands/cannedReplyDeleter.ts";
import { cannedReplyUpdater } from "../../../commands/cannedReplyUpdater.ts";
import { listCannedReplies } from "../../../models/cannedReplies.ts";
import { authorize } from "../../../policies/index.ts";
import { presentCannedReply } from "../../../presenters/rule.ts";
import { cannedReplyRenderer } from "../../../rules/facts.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZCannedReply,
  ZCannedReplyCreateRequest,
  ZCannedReplyListQuery,
  ZCannedReplyRendered,
  ZCannedReplyRenderRequest,
  ZCannedReplyUpdateRequest,
} from "./schema.ts";

const tags = ["Canned replies"];

export const cannedReplyRoutes = [
  defineListRoute({
    url: "/api/v1/canned-replies",
    summary: "The account's canned replies, by shortcut",
    tags,
    action: "cannedReply.read",
    query: ZCannedReplyListQuery,
    item: ZCannedReply,
    list: (db, actor, query) => listCannedReplies(db, actor.accountId, query.q),
    present: presentCannedReply,
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/canned-replies",
    summary: "Create a canned reply in French and/or English (supervisors, admins)",
    tags,
    auth: "user",
    body: ZCannedReplyCreateRequest,
    response: ZCannedReply,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "cannedReply.manage");
      const reply = await cannedReplyCreator(services.db, { actor, reply: body });
      return { data: presentCannedReply(reply) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/canned-replies/:id",
    summary: "One canned reply",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZCannedReply,
    async handle({ services, actor, params }) {
      const reply = await loadAuthorized(
        services.db,
        actor,
        "cannedReply.read",
        "canned_replies",
        params.id,
      );
      return { data: presentCannedReply(reply) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/canned-replies/:id",
    summary: "Change a canned reply (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCannedReplyUpdateRequest,
    response: ZCannedReply,
    async handle({ services, actor, params, body }) {
      const reply = await loadAuthorized(
        services.db,
        actor,
        "cannedReply.manage",
        "canned_replies",
        params.id,
      );
      const updated = await cannedReplyUpdater(services.db, { actor, reply, changes: body });
      return { data: presentCannedReply(updated) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/canned-replies/:id",
    summary: "Delete a canned reply no rule uses (supervisors, admins)",
    tags,
    table: "canned_replies",
    action: "cannedReply.manage",
    subjectType: "canned_reply",
    remove: (db, actor, reply) => cannedReplyDeleter(db, { actor, reply }),
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/canned-replies/:id/render",
    summary:
      "The reply as this conversation's customer should read it: their language, variables filled",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCannedReplyRenderRequest,
    response: ZCannedReplyRendered,
    async handle({ services, actor, params, body }) {
      const reply = await loadAuthorized(
        services.db,
        actor,
        "cannedReply.read",
        "canned_replies",
        params.id,
      );
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.read",
        body.conversationId,
      );
      const rendered = await cannedReplyRenderer(services.db, {
        reply,
        conversation,
        agentUserId: actor.userId,
      });
      return { data: rendered };
    },
  }),
];
