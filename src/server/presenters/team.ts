import type { TTeamAssignment } from "../../shared/rules.ts";
import type { TTeam } from "../../shared/schemas.ts";
import type { Team } from "../db/schema.ts";
import type { TeamMemberLoad } from "../models/teams.ts";
import { iso } from "./dates.ts";

export function presentTeam(row: Team, memberIds: string[]): TTeam {
  return {
    id: row.id,
    name: row.name,
    skills: row.skills,
    memberIds,
    timeZone: row.time_zone,
    businessHours: Object.keys(row.business_hours).length > 0 ? row.business_hours : null,
    createdAt: iso(row.created_at),
  };
}

/** How the team assigns, its members' load and its queue. */
export function presentTeamAssignment(
  team: Team,
  members: TeamMemberLoad[],
  waiting: number,
): TTeamAssignment {
  return {
    teamId: team.id,
    mode: team.assignment,
    maxOpenPerAgent: team.max_open_per_agent,
    members: members.map((member) => ({
      userId: member.id,
      name: member.name,
      available: member.available,
      openCount: Number(member.open_count ?? 0),
    })),
    waiting,
  };
}
