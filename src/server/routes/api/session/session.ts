import type { Actor } from "../../../auth/actor.ts";
import { createSession, destroySession, SESSION_COOKIE } from "../../../auth/sessions.ts";
import { signInVerifier } from "../../../commands/signInVerifier.ts";
import { notFound, unauthorized } from "../../../errors.ts";
import { loadAccount } from "../../../models/accounts.ts";
import { findUserWithTeams } from "../../../models/users.ts";
import { presentSession } from "../../../presenters/user.ts";
import type { Services } from "../../../services.ts";
import { defineRoute } from "../../route.ts";
import { setSessionCookie } from "./cookie.ts";
import { ZSessionRequest, ZSessionResponse, ZSignedOut } from "./schema.ts";

const tags = ["Session"];

/** The signed-in user with their teams, and their account. */
async function currentSession(services: Services, actor: Actor) {
  const found = await findUserWithTeams(services.db, actor.accountId, actor.userId);
  if (!found) throw notFound("User");
  const account = await loadAccount(services.db, actor.accountId);
  return presentSession(found.user, found.teamIds, account);
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
      const user = await signInVerifier(services, { ...body, clientIp: request.ip });
      const session = await createSession(services, {
        account_id: user.accountId,
        id: user.userId,
      });
      setSessionCookie(services, reply, session.token, session.expiresAt);
      return { data: await currentSession(services, { ...user, via: "session" }) };
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
    response: ZSignedOut,
    async handle({ services, actor, reply }) {
      if (actor) await destroySession(services, actor);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (!actor) throw unauthorized("You were not signed in.");
      return { data: { signedOut: true } };
    },
  }),
];
