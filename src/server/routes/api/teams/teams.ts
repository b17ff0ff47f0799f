import type { Actor } from "../../../auth/actor.ts";
import { teamCreator } from "../../../commands/teamCreator.ts";
import { teamUpdater } from "../../../commands/teamUpdater.ts";
import type { Team } from "../../../db/schema.ts";
import { findTeamMemberIds, listTeams } from "../../../models/teams.ts";
import { authorize } from "../../../policies/index.ts";
import { presentTeam } from "../../../presenters/team.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZTeam, ZTeamCreateRequest, ZTeamUpdateRequest } from "./schema.ts";

const tags = ["Teams"];

async function present(services: Services, actor: Actor, team: Team) {
  return presentTeam(team, await findTeamMemberIds(services.db, actor.accountId, team.id));
}

export const teamRoutes = [
  defineListRoute({
    url: "/api/v1/teams",
    summary: "The account's teams with their skills and members",
    tags,
    action: "team.read",
    item: ZTeam,
    list: (db, actor) => listTeams(db, actor.accountId),
    present: ({ team, memberIds }) => presentTeam(team, memberIds),
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/teams",
    summary: "Create a team (supervisors, admins)",
    tags,
    auth: "user",
    body: ZTeamCreateRequest,
    response: ZTeam,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "team.manage");
      const team = await teamCreator(services.db, { actor, ...body });
      return { data: await present(services, actor, team) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/teams/:id",
    summary: "One team",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZTeam,
    async handle({ services, actor, params }) {
      const team = await loadAuthorized(services.db, actor, "team.read", "teams", params.id);
      return { data: await present(services, actor, team) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/teams/:id",
    summary: "Rename a team, change its skills or members",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZTeamUpdateRequest,
    response: ZTeam,
    async handle({ services, actor, params, body }) {
      const team = await loadAuthorized(services.db, actor, "team.manage", "teams", params.id);
      const updated = await teamUpdater(services.db, { actor, team, changes: body });
      return { data: await present(services, actor, updated) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/teams/:id",
    summary: "Delete a team (its conversations stay, unassigned from it)",
    tags,
    table: "teams",
    action: "team.manage",
    subjectType: "team",
    data: (row) => ({ name: row.name }),
    event: (row) => ({ name: "team.deleted", payload: { teamId: row.id } }),
  }),
];
