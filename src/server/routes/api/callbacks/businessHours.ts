import { z } from "zod";
import { ZTimeZone, ZWeeklyHours } from "../../../callbacks/businessHours.ts";
import { notFound } from "../../../errors.ts";
import { recordEvent } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const ZBusinessHours = z.object({ timeZone: ZTimeZone, weekly: ZWeeklyHours }).strict();

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
      const team = await services.db
        .selectFrom("teams")
        .select(["account_id", "id"])
        .where("account_id", "=", actor.accountId)
        .where("id", "=", params.id)
        .executeTakeFirst();
      if (!team) throw notFound("Team");
      authorize(actor, "team.manage", team);
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("teams")
          .set({ time_zone: body.timeZone, business_hours: JSON.stringify(body.weekly) })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", team.id)
          .execute();
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "team.updated",
          payload: { teamId: team.id, changes: ["businessHours"] },
          actorUserId: actor.userId,
        });
      });
      return { data: { teamId: team.id, timeZone: body.timeZone, weekly: body.weekly } };
    },
  }),
];
