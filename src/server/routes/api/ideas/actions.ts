import { z } from "zod";
import { ideaLinker } from "../../../commands/ideaLinker.ts";
import { ideaMerger } from "../../../commands/ideaMerger.ts";
import { badRequest } from "../../../errors.ts";
import { ideaStatusPlan } from "../../../ideas/announcement.ts";
import { listUnsortedIdeas } from "../../../ideas/unsorted.ts";
import { authorize } from "../../../policies/index.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ideaDetail } from "./ideas.ts";
import {
  ZIdeaDetail,
  ZIdeaLinkRequest,
  ZIdeaMergeRequest,
  ZIdeaStatusPreview,
  ZIdeaStatusPreviewRequest,
  ZUnsortedIdea,
} from "./schema.ts";

const tags = ["Ideas"];

export const ideaActionRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/ideas/unsorted",
    summary:
      "Suggestions and marketing ideas no idea holds yet, each with the most similar idea (FR/EN)",
    tags,
    auth: "user",
    response: z.array(ZUnsortedIdea),
    async handle({ services, actor }) {
      authorize(actor, "idea.read");
      return { data: await listUnsortedIdeas(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/ideas/:id/links",
    summary: "Link a customer's conversation to the idea: the customer is one vote, once",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZIdeaLinkRequest,
    response: ZIdeaDetail,
    async handle({ services, actor, params, body, reply }) {
      const idea = await loadAuthorized(services.db, actor, "idea.write", "ideas", params.id);
      if (!body.conversationId) {
        throw badRequest(
          "mentions_unavailable",
          "Linking a mention needs social listening, which this installation does not have yet: link the conversation instead.",
        );
      }
      await loadConversation(services.db, actor, "conversation.read", body.conversationId);
      const linked = await ideaLinker(services.db, {
        actor,
        ideaId: idea.id,
        conversationId: body.conversationId,
      });
      reply.status(linked ? 201 : 200);
      return { data: await ideaDetail(services.db, actor, idea.id) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/ideas/:id/merge",
    summary: "Merge this idea into another (supervisors): each customer's vote counts once",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZIdeaMergeRequest,
    response: ZIdeaDetail,
    async handle({ services, actor, params, body }) {
      const source = await loadAuthorized(services.db, actor, "idea.manage", "ideas", params.id);
      const target = await loadAuthorized(services.db, actor, "idea.manage", "ideas", body.intoId);
      await ideaMerger(services.db, { actor, sourceId: source.id, targetId: target.id });
      return { data: await ideaDetail(services.db, actor, target.id) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/ideas/:id/status-preview",
    summary:
      "Who a status change would tell, on which channel, and the message in each language (stores nothing)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZIdeaStatusPreviewRequest,
    response: ZIdeaStatusPreview,
    async handle({ services, actor, params, body }) {
      const idea = await loadAuthorized(services.db, actor, "idea.read", "ideas", params.id);
      const plan = await ideaStatusPlan(services.db, services.secrets, {
        accountId: actor.accountId,
        idea,
        status: body.status,
        statusNote: body.statusNote ?? null,
      });
      return { data: plan };
    },
  }),
];
