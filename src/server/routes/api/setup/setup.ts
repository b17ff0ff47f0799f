import { z } from "zod";
import { LOCALES } from "../../../../shared/enums.ts";
import { ZAccount, ZUser } from "../../../../shared/schemas.ts";
import { createSession } from "../../../auth/sessions.ts";
import { accountCreator } from "../../../commands/accountCreator.ts";
import { userCreator } from "../../../commands/userCreator.ts";
import { conflict } from "../../../errors.ts";
import { presentAccount, presentUser } from "../../../presenters/user.ts";
import { defineRoute } from "../../route.ts";
import { setSessionCookie } from "../session/cookie.ts";
import { ZPassword, ZTimeZone } from "../users/schema.ts";

const tags = ["Setup"];

const ZSetupRequest = z
  .object({
    accountName: z.string().trim().min(1).max(200),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Lowercase letters, digits and dashes."),
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320),
    password: ZPassword,
    locale: z.enum(LOCALES).default("fr"),
    timeZone: ZTimeZone.default("Europe/Paris"),
  })
  .strict();

export const setupRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/setup",
    summary: "Whether this Relais still needs its first account",
    tags,
    auth: "public",
    response: z.object({ needed: z.boolean() }),
    async handle({ services }) {
      const any = await services.db.selectFrom("accounts").select("id").limit(1).executeTakeFirst();
      return { data: { needed: !any } };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/setup",
    summary: "Create the first account and its admin, and sign in (only on an empty database)",
    tags,
    auth: "public",
    body: ZSetupRequest,
    response: z.object({ user: ZUser, account: ZAccount }),
    status: 201,
    rateLimited: true,
    async handle({ services, body, reply }) {
      const any = await services.db.selectFrom("accounts").select("id").limit(1).executeTakeFirst();
      if (any) throw conflict("already_set_up", "Relais is already set up; sign in instead.");
      const account = await accountCreator(services.db, {
        slug: body.slug,
        name: body.accountName,
        locale: body.locale,
        timeZone: body.timeZone,
      });
      const user = await userCreator(services.db, {
        accountId: account.id,
        email: body.email,
        name: body.name,
        role: "admin",
        password: body.password,
        locale: body.locale,
        timeZone: body.timeZone,
      });
      const session = await createSession(services, user);
      setSessionCookie(services, reply, session.token, session.expiresAt);
      return { data: { user: presentUser(user), account: presentAccount(account) } };
    },
  }),
];
