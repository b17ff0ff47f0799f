import { DASHBOARD_CHARTS, type DashboardChart } from "../../../../shared/reportSchedules.ts";
import { dashboardSelectionSaver } from "../../../commands/dashboardSelectionSaver.ts";
import { findDashboardSelection } from "../../../models/reportSchedules.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute } from "../../route.ts";
import { ZDashboardSelection } from "../report-schedules/schema.ts";

const tags = ["Reports"];

/** Which charts of the Reports screen the signed-in user sees (all until they choose). */
export const dashboardRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/reports/dashboard",
    summary: "The charts the signed-in user chose to see on the Reports screen",
    tags,
    auth: "user",
    response: ZDashboardSelection,
    async handle({ services, actor }) {
      authorize(actor, "report.read");
      const saved = await findDashboardSelection(services.db, actor.accountId, actor.userId);
      const charts = saved
        ? DASHBOARD_CHARTS.filter((chart) => saved.includes(chart))
        : [...DASHBOARD_CHARTS];
      return { data: { charts } };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/reports/dashboard",
    summary: "Choose the charts the signed-in user sees on the Reports screen",
    tags,
    auth: "user",
    body: ZDashboardSelection,
    response: ZDashboardSelection,
    async handle({ services, actor, body }) {
      authorize(actor, "report.read");
      const saved = await dashboardSelectionSaver(services.db, { actor, charts: body.charts });
      const charts: DashboardChart[] = DASHBOARD_CHARTS.filter((chart) => saved.includes(chart));
      return { data: { charts } };
    },
  }),
];
