import type { Actor } from "../../../auth/actor.ts";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
import type { Team } from "../../../db/schema.ts";
import { updateOwned } from "../../../models/owned.ts";
import { countTeamWaiting, findTeamLoad } from "../../../models/teams.ts";
import { presentTeamAssignment } from "../../../presenters/team.ts";
import type { Services } from "../../../services.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZTeamAssignment, ZTeamAssignmentUpdateRequest } from "./schema.ts";

const tags = ["Teams"];

async function present(services: Services, actor: Actor, team: Team) {
  const members = await findTeamLoad(services.db, actor.accountId, team.id);
  const waiting = await countTeamWaiting(services.db, actor.accountId, team.id);
  return presentTeamAssignment(team, members, waiting);
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
      const team = await loadAuthorized(services.db, actor, "team.read", "teams", params.id);
      return { data: await present(services, actor, team) };
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
      const team = await loadAuthorized(services.db, actor, "team.manage", "teams", params.id);
      const updated = await changeRecorder(services.db, {
        actor,
        action: "team.assignment",
        subjectType: "team",
        write: (trx) =>
          updateOwned(trx, "teams", actor.accountId, team.id, {
            assignment: body.mode,
            max_open_per_agent: body.maxOpenPerAgent,
          }),
        data: () => ({ ...body }),
        // The team's queue is served again under the new settings (see routing/router.ts).
        event: () => ({
          name: "team.updated",
          payload: { teamId: team.id, changes: ["assignment"] },
        }),
      });
      return { data: await present(services, actor, updated) };
    },
  }),
];
