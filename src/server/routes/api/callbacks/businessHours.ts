import { z } from "zod";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
import { updateOwned } from "../../../models/owned.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZBusinessHours } from "./schema.ts";

export const businessHoursRoutes = [
  defineRoute({
    method: "PUT",
    url: "/api/v1/teams/:id/business-hours",
    summary:
      "Set a team's business hours (its zone and weekly opening times): they bound callback slots",
    tags: ["Callbacks"],
    auth: "user",
    params: ZIdParams,
    body: ZBusinessHours,
    response: ZBusinessHours.extend({ teamId: z.string() }),
    async handle({ services, actor, params, body }) {
      const team = await loadAuthorized(services.db, actor, "team.manage", "teams", params.id);
      await changeRecorder(services.db, {
        actor,
        action: "team.business_hours",
        subjectType: "team",
        write: (trx) =>
          updateOwned(trx, "teams", actor.accountId, team.id, {
            time_zone: body.timeZone,
            business_hours: JSON.stringify(body.weekly),
          }),
        data: () => ({ ...body }),
        event: () => ({
          name: "team.updated",
          payload: { teamId: team.id, changes: ["businessHours"] },
        }),
      });
      return { data: { teamId: team.id, timeZone: body.timeZone, weekly: body.weekly } };
    },
  }),
];
