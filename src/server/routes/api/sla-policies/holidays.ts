import { z } from "zod";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
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
      const unique = [...new Map(body.map((day) => [day.date, day])).values()];
      await changeRecorder(services.db, {
        actor,
        action: "team.holidays",
        subjectType: "team",
        write: async (trx) => {
          await trx
            .deleteFrom("team_holidays")
            .where("account_id", "=", actor.accountId)
            .where("team_id", "=", team.id)
            .execute();
          if (unique.length > 0) {
            await trx
              .insertInto("team_holidays")
              .values(
                unique.map((day) => ({
                  account_id: actor.accountId,
                  team_id: team.id,
                  date: day.date,
                  name: day.name,
                })),
              )
              .execute();
          }
          return team;
        },
        data: () => ({ holidays: unique }),
        event: () => ({
          name: "team.updated",
          payload: { teamId: team.id, changes: ["holidays"] },
        }),
      });
      return { data: await listTeamHolidays(services.db, actor.accountId, team.id) };
    },
  }),
];
