import type { Kysely } from "kysely";
import type { Actor } from "../../../auth/actor.ts";
import { ideaCreator } from "../../../commands/ideaCreator.ts";
import { ideaDeleter } from "../../../commands/ideaDeleter.ts";
import { ideaUpdater } from "../../../commands/ideaUpdater.ts";
import type { DB } from "../../../db/schema.ts";
import { notFound } from "../../../errors.ts";
import { findIdea, listIdeaConversations, listIdeas } from "../../../models/ideas.ts";
import { authorize } from "../../../policies/index.ts";
import { presentIdea, presentIdeaDetail } from "../../../presenters/idea.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZIdea, ZIdeaCreateRequest, ZIdeaDetail, ZIdeaUpdateRequest } from "./schema.ts";

const tags = ["Ideas"];

/** The idea with its votes and linked conversations, as `GET /api/v1/ideas/:id` answers. */
export async function ideaDetail(db: Kysely<DB>, actor: Actor, id: string) {
  const idea = await findIdea(db, actor.accountId, id);
  if (!idea) throw notFound("Idea");
  return presentIdeaDetail(idea, await listIdeaConversations(db, actor.accountId, id));
}

export const ideaRoutes = [
  defineListRoute({
    url: "/api/v1/ideas",
    summary: "The account's ideas, most votes first (a vote is a distinct linked customer)",
    tags,
    action: "idea.read",
    item: ZIdea,
    list: (db, actor) => listIdeas(db, actor.accountId),
    present: presentIdea,
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/ideas",
    summary: "Create an idea, optionally from the suggestion (conversation) it came from",
    tags,
    auth: "user",
    body: ZIdeaCreateRequest,
    response: ZIdeaDetail,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "idea.write");
      // What customers hear of or see stays a supervisor's call, from the first save too.
      if (body.status !== "new" || body.public) authorize(actor, "idea.manage");
      if (body.conversationId) {
        await loadConversation(services.db, actor, "conversation.read", body.conversationId);
      }
      const idea = await ideaCreator(services.db, { actor, idea: body });
      return { data: await ideaDetail(services.db, actor, idea.id) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/ideas/:id",
    summary: "One idea with its votes and the conversations that gave it",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZIdeaDetail,
    async handle({ services, actor, params }) {
      await loadAuthorized(services.db, actor, "idea.read", "ideas", params.id);
      return { data: await ideaDetail(services.db, actor, params.id) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/ideas/:id",
    summary:
      "Change an idea; becoming planned, shipped or declined tells each linked customer once",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZIdeaUpdateRequest,
    response: ZIdeaDetail,
    async handle({ services, actor, params, body }) {
      const managed = body.status !== undefined || body.public !== undefined;
      const idea = await loadAuthorized(
        services.db,
        actor,
        managed ? "idea.manage" : "idea.write",
        "ideas",
        params.id,
      );
      await ideaUpdater(services, { actor, idea, changes: body });
      return { data: await ideaDetail(services.db, actor, params.id) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/ideas/:id",
    summary: "Delete an idea (supervisors); its conversations stay",
    tags,
    action: "idea.manage",
    table: "ideas",
    subjectType: "idea",
    remove: (db, actor, idea) => ideaDeleter(db, { actor, idea }),
  }),
];
