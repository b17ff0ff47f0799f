import type { Kysely } from "kysely";
import type { Account, DB, User } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { findOwned } from "./owned.ts";

/** The account's users by name, each with the ids of the teams they belong to. */
export async function listUsers(db: Kysely<DB>, accountId: string) {
  const users = await db
    .selectFrom("users")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("name")
    .execute();
  const members = await db
    .selectFrom("team_members")
    .select(["user_id", "team_id"])
    .where("account_id", "=", accountId)
    .execute();
  return users.map((user) => ({
    user,
    teamIds: members.filter((m) => m.user_id === user.id).map((m) => m.team_id),
  }));
}

/** One user and their teams, or undefined. */
export async function findUserWithTeams(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<{ user: User; teamIds: string[] } | undefined> {
  const user = await findOwned(db, "users", accountId, id);
  if (!user) return undefined;
  const teams = await db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", accountId)
    .where("user_id", "=", id)
    .execute();
  return { user, teamIds: teams.map((team) => team.team_id) };
}

export async function loadAccount(db: Kysely<DB>, accountId: string): Promise<Account> {
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound("Account");
  return account;
}

/**
 * Shuts a user out everywhere but `keepSessionId`: their sessions end and their API tokens are
 * revoked for good (a revoked token stays revoked if the user is enabled again).
 */
export async function shutOutUser(
  trx: Kysely<DB>,
  accountId: string,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  await trx
    .deleteFrom("sessions")
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .$if(keepSessionId !== undefined, (query) => query.where("id", "!=", keepSessionId ?? ""))
    .execute();
  await trx
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
