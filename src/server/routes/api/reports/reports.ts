import { authorize } from "../../../policies/index.ts";
import { overviewReport } from "../../../reports/overview.ts";
import { defineRoute } from "../../route.ts";
import { type TReportQuery, ZOverview, ZReportQuery } from "./schema.ts";

const tags = ["Reports"];

export const reportRoutes = [
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
      const overview = await overviewReport(services.db, { accountId: actor.accountId, ...query });
      // The figures at the top level, as issue 12 specifies; under `data` like every answer.
      return { ...overview, data: overview };
    },
  }),
];
