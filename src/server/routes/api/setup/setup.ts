import { createSession } from "../../../auth/sessions.ts";
import { firstAccountCreator } from "../../../commands/firstAccountCreator.ts";
import { anyAccountExists } from "../../../models/accounts.ts";
import { presentSession } from "../../../presenters/user.ts";
import { defineRoute } from "../../route.ts";
import { setSessionCookie } from "../session/cookie.ts";
import { ZSetupNeeded, ZSetupRequest, ZSetupResponse } from "./schema.ts";

const tags = ["Setup"];

export const setupRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/setup",
    summary: "Whether this Relais still needs its first account",
    tags,
    auth: "public",
    response: ZSetupNeeded,
    async handle({ services }) {
      return { data: { needed: !(await anyAccountExists(services.db)) } };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/setup",
    summary: "Create the first account and its admin, and sign in (only on an empty database)",
    tags,
    auth: "public",
    body: ZSetupRequest,
    response: ZSetupResponse,
    status: 201,
    rateLimited: true,
    async handle({ services, body, reply }) {
      const { account, user } = await firstAccountCreator(services.db, body);
      const session = await createSession(services, user);
      setSessionCookie(services, reply, session.token, session.expiresAt);
      return { data: presentSession(user, [], account) };
    },
  }),
];
