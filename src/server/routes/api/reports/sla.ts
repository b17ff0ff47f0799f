import { ZPromiseReport, ZReportQuery, ZSlaReport } from "../../../../shared/sla.ts";
import { promiseReport, slaReport } from "../../../models/slaReports.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute } from "../../route.ts";

const tags = ["Reports"];

function filterOf(query: { from?: string; to?: string; teamId?: string; channelId?: string }) {
  return {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    teamId: query.teamId,
    channelId: query.channelId,
  };
}

export const slaReportRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/reports/promises",
    summary: "Promises made in a period: kept, kept on time, broken, open (docs/sla.md)",
    tags,
    auth: "user",
    query: ZReportQuery,
    response: ZPromiseReport,
    async handle({ services, actor, query }) {
      authorize(actor, "report.read");
      return { data: await promiseReport(services.readDb, actor.accountId, filterOf(query)) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/reports/sla",
    summary: "SLA attainment per target (first response, next response, resolution)",
    tags,
    auth: "user",
    query: ZReportQuery,
    response: ZSlaReport,
    async handle({ services, actor, query }) {
      authorize(actor, "report.read");
      return { data: await slaReport(services.readDb, actor.accountId, filterOf(query)) };
    },
  }),
];
