import { z } from "zod";
import { teamHolidaysReplacer } from "../../../commands/teamHolidaysReplacer.ts";
import { listTeamHolidays } from "../../../models/slaPolicies.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZHoliday, ZHolidays } from "./schema.ts";

const tags = ["SLA"];

export const holidayRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/teams/:id/holidays",
    summary: "A team's holidays: days its business-hours SLA clocks do not count",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.array(ZHoliday),
    async handle({ services, actor, params }) {
      const team = await loadAuthorized(services.db, actor, "team.read", "teams", params.id);
      return { data: await listTeamHolidays(services.db, actor.accountId, team.id) };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/teams/:id/holidays",
    summary: "Replace a team's holidays (dates in the team's zone; supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZHolidays,
    response: z.array(ZHoliday),
    async handle({ services, actor, params, body }) {
      const team = await loadAuthorized(services.db, actor, "team.manage", "teams", params.id);
      await teamHolidaysReplacer(services, { actor, team, days: body });
      return { data: await listTeamHolidays(services.db, actor.accountId, team.id) };
    },
  }),
];
