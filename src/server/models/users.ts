import { type Kysely, sql } from "kysely";
import type { DB, User } from "../db/schema.ts";
import { findOwned } from "./owned.ts";
import { loadMemberships } from "./teams.ts";

/** The account's users by name, each with the ids of the teams they belong to. */
export async function listUsers(db: Kysely<DB>, accountId: string) {
  const users = await db
    .selectFrom("users")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("name")
    .execute();
  const memberships = await loadMemberships(db, accountId);
  return users.map((user) => ({ user, teamIds: memberships.teamsOf(user.id) }));
}

/** One user and their teams, or undefined. */
export async function findUserWithTeams(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<{ user: User; teamIds: string[] } | undefined> {
  const user = await findOwned(db, "users", accountId, id);
  if (!user) return undefined;
  return { user, teamIds: (await loadMemberships(db, accountId, { userId: id })).teamsOf(id) };
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

/** The enabled users who may sign in with this email (in one account when its slug is given). */
export async function findSignInCandidates(
  db: Kysely<DB>,
  email: string,
  accountSlug: string | undefined,
) {
  return db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select(["u.account_id", "u.id", "u.role", "u.password_hash", "a.slug"])
    .where(sql`lower(u.email)`, "=", email.toLowerCase())
    .where("u.disabled_at", "is", null)
    .$if(Boolean(accountSlug), (query) => query.where("a.slug", "=", accountSlug ?? ""))
    .execute();
}
