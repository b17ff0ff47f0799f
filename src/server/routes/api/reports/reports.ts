import { z } from "zod";
import { authorize } from "../../../policies/index.ts";
import { REPORT_COLUMNS, REPORT_NAMES, REPORTS } from "../../../reports/catalogue.ts";
import { csvStream } from "../../../reports/csv.ts";
import { overviewReport } from "../../../reports/overview.ts";
import { defineRoute, type RouteDefinition } from "../../route.ts";
import {
  type TExportQuery,
  type TReportQuery,
  ZExportQuery,
  ZOverview,
  ZReportQuery,
} from "./schema.ts";

const tags = ["Reports"];

const SUMMARIES: Record<Exclude<(typeof REPORT_NAMES)[number], "overview">, string> = {
  volume: "Conversations and messages per day and channel",
  backlog: "Conversations not resolved at the end of each day",
  agents: "Load per agent: conversations, replies sent, open now",
  teams: "Conversations per team",
  sentiment: "Conversations per day and sentiment",
  categories: "Conversations per day and category",
};

const seriesRoutes = REPORT_NAMES.filter((name) => name !== "overview").map((name) =>
  defineRoute<undefined, TReportQuery>({
    method: "GET",
    url: `/api/v1/reports/${name}`,
    summary: `${SUMMARIES[name as keyof typeof SUMMARIES]} (docs/reports.md)`,
    tags,
    auth: "user",
    query: ZReportQuery,
    response: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    async handle({ services, actor, query }) {
      authorize(actor, "report.read");
      return {
        data: await REPORTS[name](services.readDb, { accountId: actor.accountId, ...query }),
      };
    },
  }),
);

export const reportRoutes: RouteDefinition[] = [
  defineRoute<undefined, TReportQuery>({
    method: "GET",
    url: "/api/v1/reports/overview",
    summary:
      "Conversations, messages, first-response and resolution times of a period (docs/reports.md)",
    tags,
    auth: "user",
    query: ZReportQuery,
    response: ZOverview,
    async handle({ services, actor, query }) {
      authorize(actor, "report.read");
      const overview = await overviewReport(services.readDb, {
        accountId: actor.accountId,
        ...query,
      });
      // The figures at the top level, as issue 12 specifies; under `data` like every answer.
      return { ...overview, data: overview };
    },
  }),
  ...seriesRoutes,
  defineRoute<undefined, TExportQuery>({
    method: "GET",
    url: "/api/v1/reports/export",
    summary: "A report as CSV (UTF-8 with BOM, one header row), streamed",
    tags,
    auth: "user",
    query: ZExportQuery,
    async handle({ services, actor, query, reply }) {
      authorize(actor, "report.read");
      const { report, format: _format, ...filters } = query;
      const rows = await REPORTS[report](services.readDb, {
        accountId: actor.accountId,
        ...filters,
      });
      const day = (date: Date) => date.toISOString().slice(0, 10);
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="relais-${report}-${day(filters.from)}-${day(filters.to)}.csv"`,
        );
      return csvStream(REPORT_COLUMNS[report], rows);
    },
  }),
];
