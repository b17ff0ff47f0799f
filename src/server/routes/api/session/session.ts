import { sql } from "kysely";
import { z } from "zod";
import { ZAccount, ZUser } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import { createSession, destroySession, SESSION_COOKIE } from "../../../auth/sessions.ts";
import { assertSignInAllowed, recordFailedSignIn } from "../../../auth/signInThrottle.ts";
import { verifyDecoy, verifyPassword } from "../../../crypto/passwords.ts";
import { AppError, notFound, unauthorized } from "../../../errors.ts";
import { presentAccount, presentUser } from "../../../presenters/user.ts";
import type { Services } from "../../../services.ts";
import { defineRoute } from "../../route.ts";
import { setSessionCookie } from "./cookie.ts";

const tags = ["Session"];

export const ZSessionRequest = z
  .object({
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1000),
    account: z
      .string()
      .max(63)
      .optional()
      .describe("Account slug, when the email exists in several"),
  })
  .strict();

const ZSessionResponse = z.object({ user: ZUser, account: ZAccount });

export async function currentSession(services: Services, actor: Actor) {
  const user = await services.db
    .selectFrom("users")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", actor.userId)
    .executeTakeFirst();
  const account = await services.db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", actor.accountId)
    .executeTakeFirst();
  if (!user || !account) throw notFound("User");
  const teams = await services.db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .execute();
  return {
    user: presentUser(
      user,
      teams.map((team) => team.team_id),
    ),
    account: presentAccount(account),
  };
}

export const sessionRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/session",
    summary: "Sign in with email and password; sets an HttpOnly session cookie",
    tags,
    auth: "public",
    body: ZSessionRequest,
    response: ZSessionResponse,
    async handle({ services, body, reply, request }) {
      await assertSignInAllowed(services, request.ip, body.email);
      const refuse = async () => {
        await recordFailedSignIn(services, request.ip, body.email);
        return new AppError(401, "invalid_credentials", "Wrong email or password.");
      };
      const candidates = await services.db
        .selectFrom("users as u")
        .innerJoin("accounts as a", "a.id", "u.account_id")
        .select(["u.account_id", "u.id", "u.role", "u.password_hash", "a.slug"])
        .where(sql`lower(u.email)`, "=", body.email.toLowerCase())
        .where("u.disabled_at", "is", null)
        .$if(Boolean(body.account), (query) => query.where("a.slug", "=", body.account ?? ""))
        .execute();
      if (candidates.length === 0) {
        await verifyDecoy(body.password);
        throw await refuse();
      }
      const matching = [];
      for (const candidate of candidates) {
        if (await verifyPassword(candidate.password_hash, body.password)) matching.push(candidate);
      }
      const user = matching[0];
      if (!user) throw await refuse();
      if (matching.length > 1) {
        throw new AppError(
          409,
          "account_required",
          `This email belongs to several accounts (${matching.map((m) => m.slug).join(", ")}); say which with "account".`,
        );
      }
      const session = await createSession(services, { account_id: user.account_id, id: user.id });
      setSessionCookie(services, reply, session.token, session.expiresAt);
      const actor: Actor = {
        accountId: user.account_id,
        userId: user.id,
        role: user.role,
        via: "session",
      };
      return { data: await currentSession(services, actor) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/session",
    summary: "The signed-in user and their account",
    tags,
    auth: "user",
    response: ZSessionResponse,
    async handle({ services, actor }) {
      return { data: await currentSession(services, actor) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/session",
    summary: "Sign out",
    tags,
    auth: "public",
    response: z.object({ signedOut: z.boolean() }),
    async handle({ services, actor, reply }) {
      if (actor) await destroySession(services, actor);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (!actor) throw unauthorized("You were not signed in.");
      return { data: { signedOut: true } };
    },
  }),
];
