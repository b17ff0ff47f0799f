import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB, Team, TeamSkills } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { checkTeamName, replaceTeamMembers } from "../models/teams.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface TeamCreatorProps {
  actor: Actor;
  name: string;
  skills: TeamSkills;
  memberIds: string[];
}

/** Creates a team with its members; its name is unique in the account, whatever its case. */
export async function teamCreator(db: Kysely<DB>, props: TeamCreatorProps): Promise<Team> {
  const { actor } = props;
  return changeRecorder(db, {
    actor,
    action: "team.create",
    subjectType: "team",
    async write(trx) {
      await checkTeamName(trx, actor.accountId, props.name);
      const team = await insertOwned(trx, "teams", {
        account_id: actor.accountId,
        name: props.name,
        skills: JSON.stringify(props.skills),
      });
      await replaceTeamMembers(trx, actor.accountId, team.id, props.memberIds);
      return team;
    },
    data: (team) => ({ name: team.name, memberIds: props.memberIds }),
    event: (team) => ({ name: "team.created", payload: { teamId: team.id } }),
  });
}
