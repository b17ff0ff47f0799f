import { z } from "zod";
import {
  listeningQueryCreator,
  listeningQueryUpdater,
} from "../../../commands/listeningQuerySaver.ts";
import { listeningStats } from "../../../listening/stats.ts";
import { listListeningQueries } from "../../../models/listeningQueries.ts";
import { listAlerts, testQueryOverMentions } from "../../../models/mentions.ts";
import { authorize } from "../../../policies/index.ts";
import {
  presentListeningAlert,
  presentListeningQuery,
  presentMention,
} from "../../../presenters/listening.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZListeningAlert,
  ZListeningQuery,
  ZListeningQueryCreateRequest,
  ZListeningQueryUpdateRequest,
  ZListeningStats,
  ZListeningTestRequest,
  ZMention,
  ZStatsQuery,
} from "./schema.ts";

const tags = ["Listening"];

export const listeningQueryRoutes = [
  defineListRoute({
    url: "/api/v1/listening/queries",
    summary: "The account's listening queries",
    tags,
    action: "listening.read",
    item: ZListeningQuery,
    list: (db, actor) => listListeningQueries(db, actor.accountId),
    present: (row) => presentListeningQuery(row),
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/listening/queries",
    summary:
      "Create a listening query over the named channels' public search (supervisors and admins); the webhook secret is shown once",
    tags,
    auth: "user",
    body: ZListeningQueryCreateRequest,
    response: ZListeningQuery,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "listening.manage");
      const created = await listeningQueryCreator(services.db, services.secrets, {
        actor,
        query: body,
      });
      return {
        data: presentListeningQuery(created.row, { webhookSecret: created.webhookSecret }),
      };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/listening/queries/:id",
    summary: "One listening query",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZListeningQuery,
    async handle({ services, actor, params }) {
      const row = await loadAuthorized(
        services.db,
        actor,
        "listening.read",
        "listening_queries",
        params.id,
      );
      return { data: presentListeningQuery(row) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/listening/queries/:id",
    summary: "Change a listening query (supervisors and admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZListeningQueryUpdateRequest,
    response: ZListeningQuery,
    async handle({ services, actor, params, body }) {
      const query = await loadAuthorized(
        services.db,
        actor,
        "listening.manage",
        "listening_queries",
        params.id,
      );
      const changed = await listeningQueryUpdater(services.db, { actor, query, changes: body });
      return { data: presentListeningQuery(changed) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/listening/queries/:id",
    summary: "Delete a listening query; the mentions it found stay (supervisors and admins)",
    tags,
    action: "listening.manage",
    table: "listening_queries",
    subjectType: "listening_query",
    event: (row) => ({ name: "listening_query.deleted", payload: { queryId: row.id } }),
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/listening/queries/:id/stats",
    summary:
      "Volume, sentiment and reach per hour or day, velocity against the baseline, top authors and terms",
    tags,
    auth: "user",
    params: ZIdParams,
    query: ZStatsQuery,
    response: ZListeningStats,
    async handle({ services, actor, params, query }) {
      const row = await loadAuthorized(
        services.db,
        actor,
        "listening.read",
        "listening_queries",
        params.id,
      );
      return { data: await listeningStats(services.db, row, { ...query, now: new Date() }) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/listening/test",
    summary: "What a query would have found among the last stored mentions (a live test)",
    tags,
    auth: "user",
    body: ZListeningTestRequest,
    response: z.array(ZMention),
    async handle({ services, actor, body }) {
      authorize(actor, "listening.read");
      const rows = await testQueryOverMentions(services.db, actor.accountId, body);
      return { data: rows.map(presentMention) };
    },
  }),

  defineListRoute({
    url: "/api/v1/listening/alerts",
    summary: "Negative spikes, newest first",
    tags,
    action: "listening.read",
    item: ZListeningAlert,
    list: (db, actor) => listAlerts(db, actor.accountId),
    present: presentListeningAlert,
  }),
];
