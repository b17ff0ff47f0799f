import { z } from "zod";
import type { Actor } from "../../../auth/actor.ts";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
import { teamCreator } from "../../../commands/teamCreator.ts";
import { teamUpdater } from "../../../commands/teamUpdater.ts";
import type { Team } from "../../../db/schema.ts";
import { deleteOwned } from "../../../models/owned.ts";
import { findTeamMemberIds, listTeams } from "../../../models/teams.ts";
import { authorize } from "../../../policies/index.ts";
import { presentTeam } from "../../../presenters/team.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZDeleted, ZIdParams } from "../../route.ts";
import { ZTeam, ZTeamCreateRequest, ZTeamUpdateRequest } from "./schema.ts";

const tags = ["Teams"];

async function present(services: Services, actor: Actor, team: Team) {
  return presentTeam(team, await findTeamMemberIds(services.db, actor.accountId, team.id));
}

export const teamRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/teams",
    summary: "The account's teams with their skills and members",
    tags,
    auth: "user",
    response: z.array(ZTeam),
    async handle({ services, actor }) {
      authorize(actor, "team.read");
      const teams = await listTeams(services.db, actor.accountId);
      return { data: teams.map(({ team, memberIds }) => presentTeam(team, memberIds)) };
    },
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

  defineRoute({
    method: "DELETE",
    url: "/api/v1/teams/:id",
    summary: "Delete a team (its conversations stay, unassigned from it)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZDeleted,
    async handle({ services, actor, params }) {
      const team = await loadAuthorized(services.db, actor, "team.manage", "teams", params.id);
      await changeRecorder(services.db, {
        actor,
        action: "team.delete",
        subjectType: "team",
        write: (trx) => deleteOwned(trx, "teams", actor.accountId, team.id),
        data: (row) => ({ name: row.name }),
        event: (row) => ({ name: "team.deleted", payload: { teamId: row.id } }),
      });
      return { data: { deleted: true } };
    },
  }),
];
