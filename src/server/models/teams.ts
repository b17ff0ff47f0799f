import { type Kysely, sql } from "kysely";
import type { DB, Team } from "../db/schema.ts";
import { conflict, notFound } from "../errors.ts";

/**
 * The account's team memberships (of one user or one team when named), looked up both ways:
 * the teams a user belongs to, the members a team has.
 */
export async function loadMemberships(
  db: Kysely<DB>,
  accountId: string,
  only: { userId?: string; teamId?: string } = {},
) {
  const rows = await db
    .selectFrom("team_members")
    .select(["team_id", "user_id"])
    .where("account_id", "=", accountId)
    .$if(only.userId !== undefined, (query) => query.where("user_id", "=", only.userId ?? ""))
    .$if(only.teamId !== undefined, (query) => query.where("team_id", "=", only.teamId ?? ""))
    .execute();
  return {
    teamsOf: (userId: string) => rows.filter((m) => m.user_id === userId).map((m) => m.team_id),
    membersOf: (teamId: string) => rows.filter((m) => m.team_id === teamId).map((m) => m.user_id),
  };
}

/** The account's teams by name, with the ids of their members. */
export async function listTeams(
  db: Kysely<DB>,
  accountId: string,
): Promise<Array<{ team: Team; memberIds: string[] }>> {
  const teams = await db
    .selectFrom("teams")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("name")
    .execute();
  const memberships = await loadMemberships(db, accountId);
  return teams.map((team) => ({ team, memberIds: memberships.membersOf(team.id) }));
}

export async function findTeamMemberIds(
  db: Kysely<DB>,
  accountId: string,
  teamId: string,
): Promise<string[]> {
  return (await loadMemberships(db, accountId, { teamId })).membersOf(teamId);
}

/** 409 when another team of the account has this name, whatever its case. */
export async function checkTeamName(
  db: Kysely<DB>,
  accountId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const row = await db
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", accountId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
    .$if(Boolean(exceptId), (query) => query.where("id", "!=", exceptId ?? ""))
    .executeTakeFirst();
  if (row) throw conflict("team_exists", `A team named "${name}" already exists.`);
}

/** The team's members become exactly these users of the account (404 for one it lacks). */
export async function replaceTeamMembers(
  trx: Kysely<DB>,
  accountId: string,
  teamId: string,
  memberIds: string[],
): Promise<void> {
  const unique = [...new Set(memberIds)];
  if (unique.length > 0) {
    const found = await trx
      .selectFrom("users")
      .select("id")
      .where("account_id", "=", accountId)
      .where("id", "in", unique)
      .execute();
    if (found.length !== unique.length) throw notFound("User");
  }
  await trx
    .deleteFrom("team_members")
    .where("account_id", "=", accountId)
    .where("team_id", "=", teamId)
    .execute();
  if (unique.length > 0) {
    await trx
      .insertInto("team_members")
      .values(unique.map((userId) => ({ account_id: accountId, team_id: teamId, user_id: userId })))
      .execute();
  }
}

/** The team's active members with their availability and open conversations, by name. */
export async function findTeamLoad(db: Kysely<DB>, accountId: string, teamId: string) {
  return db
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
    .where("tm.account_id", "=", accountId)
    .where("tm.team_id", "=", teamId)
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .execute();
}
export type TeamMemberLoad = Awaited<ReturnType<typeof findTeamLoad>>[number];

/** The team's queue: open conversations routed to it that nobody has yet. */
export async function countTeamWaiting(
  db: Kysely<DB>,
  accountId: string,
  teamId: string,
): Promise<number> {
  const row = await db
    .selectFrom("conversations")
    .select(sql<number>`count(*)::int`.as("count"))
    .where("account_id", "=", accountId)
    .where("team_id", "=", teamId)
    .where("assignee_id", "is", null)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
