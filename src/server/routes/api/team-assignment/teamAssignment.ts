import { type Kysely, sql } from "kysely";
import { ZTeamAssignment, ZTeamAssignmentUpdateRequest } from "../../../../shared/rules.ts";
import type { Actor } from "../../../auth/actor.ts";
import type { DB } from "../../../db/schema.ts";
import { notFound } from "../../../errors.ts";
import { recordAudit, recordEvent } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Teams"];

/** A team's assignment mode and limit, its members' availability and load, and its queue. */
async function loadAssignment(db: Kysely<DB>, actor: Actor, teamId: string) {
  const team = await db
    .selectFrom("teams")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", teamId)
    .executeTakeFirst();
  if (!team) throw notFound("Team");
  authorize(actor, "team.read", team);
  const members = await db
    .selectFrom("team_members as tm")
    .innerJoin("users as u", (join) =>
      join.onRef("u.account_id", "=", "tm.account_id").onRef("u.id", "=", "tm.user_id"),
    )
    .select([
      "u.id",
      "u.name",
      "u.available",
      (eb) =>
        eb
          .selectFrom("conversations as c")
          .whereRef("c.account_id", "=", "u.account_id")
          .whereRef("c.assignee_id", "=", "u.id")
          .where("c.status", "=", "open")
          .select(sql<number>`count(*)::int`.as("count"))
          .as("open_count"),
    ])
    .where("tm.account_id", "=", actor.accountId)
    .where("tm.team_id", "=", teamId)
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .execute();
  const waiting = await db
    .selectFrom("conversations")
    .select(sql<number>`count(*)::int`.as("count"))
    .where("account_id", "=", actor.accountId)
    .where("team_id", "=", teamId)
    .where("assignee_id", "is", null)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return {
    team,
    data: {
      teamId: team.id,
      mode: team.assignment,
      maxOpenPerAgent: team.max_open_per_agent,
      members: members.map((member) => ({
        userId: member.id,
        name: member.name,
        available: member.available,
        openCount: Number(member.open_count ?? 0),
      })),
      waiting: Number(waiting.count),
    },
  };
}

export const teamAssignmentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/teams/:id/assignment",
    summary: "How a team assigns its conversations, its members' load and its queue",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZTeamAssignment,
    async handle({ services, actor, params }) {
      return { data: (await loadAssignment(services.db, actor, params.id)).data };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/teams/:id/assignment",
    summary:
      "Set how a team assigns: manual, round_robin or capacity, with a maximum of open conversations per agent (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZTeamAssignmentUpdateRequest,
    response: ZTeamAssignment,
    async handle({ services, actor, params, body }) {
      const { team } = await loadAssignment(services.db, actor, params.id);
      authorize(actor, "team.manage", team);
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("teams")
          .set({ assignment: body.mode, max_open_per_agent: body.maxOpenPerAgent })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", team.id)
          .execute();
        // The team's queue is served again under the new settings (see routing/router.ts).
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "team.updated",
          payload: { teamId: team.id, changes: ["assignment"] },
          actorUserId: actor.userId,
        });
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "team.assignment",
          subjectType: "team",
          subjectId: team.id,
          data: { ...body },
        });
      });
      return { data: (await loadAssignment(services.db, actor, params.id)).data };
    },
  }),
];
