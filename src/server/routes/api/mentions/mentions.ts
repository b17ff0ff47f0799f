import { z } from "zod";
import { mentionConversationCreator } from "../../../commands/mentionConversationCreator.ts";
import { notFound } from "../../../errors.ts";
import { findMention, listMentions } from "../../../models/mentions.ts";
import { authorize } from "../../../policies/index.ts";
import { presentMention } from "../../../presenters/listening.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZMention, ZMentionListQuery } from "../listening/schema.ts";

const tags = ["Listening"];

export const mentionRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/mentions",
    summary:
      "Mentions the listening queries found, newest first: by query, sentiment, language, network, full text",
    tags,
    auth: "user",
    query: ZMentionListQuery,
    response: z.array(ZMention),
    responseExtra: { nextCursor: z.string().optional() },
    async handle({ services, actor, query }) {
      authorize(actor, "listening.read");
      const page = await listMentions(services.db, actor.accountId, query);
      return { data: page.rows.map(presentMention), nextCursor: page.nextCursor };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/mentions/:id",
    summary: "One mention",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZMention,
    async handle({ services, actor, params }) {
      await loadAuthorized(services.db, actor, "listening.read", "mentions", params.id);
      const row = await findMention(services.db, actor.accountId, params.id);
      if (!row) throw notFound("Mention");
      return { data: presentMention(row) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/mentions/:id/conversation",
    summary:
      "Open (once) a public conversation from a mention on the channel that found it; the reply goes out in the post's thread",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZMention,
    status: 201,
    async handle({ services, actor, params, reply }) {
      const mention = await loadAuthorized(
        services.db,
        actor,
        "mention.answer",
        "mentions",
        params.id,
      );
      const { created } = await mentionConversationCreator(services.db, { actor, mention });
      const row = await findMention(services.db, actor.accountId, params.id);
      if (!row) throw notFound("Mention");
      if (!created) reply.status(200);
      return { data: presentMention(row) };
    },
  }),
];
