import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB, Team, TeamSkills } from "../db/schema.ts";
import { updateOwned } from "../models/owned.ts";
import { checkTeamName, replaceTeamMembers } from "../models/teams.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface TeamUpdaterProps {
  actor: Actor;
  team: Team;
  changes: { name?: string; skills?: TeamSkills; memberIds?: string[] };
}

/** Renames a team, changes its skills or replaces its members. */
export async function teamUpdater(db: Kysely<DB>, props: TeamUpdaterProps): Promise<Team> {
  const { actor, team, changes } = props;
  const changed = Object.keys(changes);
  return changeRecorder(db, {
    actor,
    action: "team.update",
    subjectType: "team",
    async write(trx) {
      if (changes.name) await checkTeamName(trx, actor.accountId, changes.name, team.id);
      const updated =
        changes.name || changes.skills
          ? await updateOwned(trx, "teams", actor.accountId, team.id, {
              name: changes.name,
              skills: changes.skills ? JSON.stringify(changes.skills) : undefined,
            })
          : team;
      if (changes.memberIds) {
        await replaceTeamMembers(trx, actor.accountId, team.id, changes.memberIds);
      }
      return updated;
    },
    data: () => ({ ...changes }),
    event: () => ({ name: "team.updated", payload: { teamId: team.id, changes: changed } }),
  });
}
