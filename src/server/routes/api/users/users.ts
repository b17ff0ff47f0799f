import { fillNewAccount } from "../../../admin/demo/index.ts";
import type { Actor } from "../../../auth/actor.ts";
import { accountUpdater } from "../../../commands/accountUpdater.ts";
import { userCreator } from "../../../commands/userCreator.ts";
import { userUpdater } from "../../../commands/userUpdater.ts";
import { notFound } from "../../../errors.ts";
import { loadAccount } from "../../../models/accounts.ts";
import { findUserWithTeams, listUsers } from "../../../models/users.ts";
import { authorize } from "../../../policies/index.ts";
import { presentAccount, presentUser } from "../../../presenters/user.ts";
import type { Services } from "../../../services.ts";
import { defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZAccount,
  ZAccountUpdateRequest,
  ZDemoFilled,
  ZUser,
  ZUserCreateRequest,
  ZUserUpdateRequest,
} from "./schema.ts";

const tags = ["Users"];

async function loadUser(services: Services, actor: Actor, id: string) {
  const found = await findUserWithTeams(services.db, actor.accountId, id);
  if (!found) throw notFound("User");
  authorize(actor, "user.read", found.user);
  return found;
}

export const userRoutes = [
  defineListRoute({
    url: "/api/v1/users",
    summary: "The account's agents",
    tags,
    action: "user.read",
    item: ZUser,
    list: (db, actor) => listUsers(db, actor.accountId),
    present: ({ user, teamIds }) => presentUser(user, teamIds),
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/users",
    summary: "Add an agent (admins)",
    tags,
    auth: "user",
    body: ZUserCreateRequest,
    response: ZUser,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "user.manage");
      const user = await userCreator(services.db, {
        ...body,
        accountId: actor.accountId,
        actorUserId: actor.userId,
      });
      return { data: presentUser(user) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/users/:id",
    summary: "One agent",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZUser,
    async handle({ services, actor, params }) {
      const { user, teamIds } = await loadUser(services, actor, params.id);
      return { data: presentUser(user, teamIds) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/users/:id",
    summary:
      "Change an agent (admins), or your own name, language, time zone, availability, password",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZUserUpdateRequest,
    response: ZUser,
    async handle({ services, actor, params, body, request }) {
      const { user } = await loadUser(services, actor, params.id);
      authorize(actor, "user.update", user);
      await userUpdater(services, { actor, user, changes: body, clientIp: request.ip });
      const { user: updated, teamIds } = await loadUser(services, actor, params.id);
      return { data: presentUser(updated, teamIds) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/account",
    summary: "The current account",
    tags: ["Account"],
    auth: "user",
    response: ZAccount,
    async handle({ services, actor }) {
      return { data: presentAccount(await loadAccount(services.db, actor.accountId)) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/account/demo",
    summary:
      "Fill a new, empty account with demo agents (who cannot sign in until an admin sets their password), teams, channels and conversations (admins); 409 on an account that holds data",
    tags: ["Account"],
    auth: "user",
    response: ZDemoFilled,
    status: 201,
    async handle({ services, actor }) {
      authorize(actor, "user.manage");
      return {
        data: await fillNewAccount(services, {
          accountId: actor.accountId,
          adminId: actor.userId,
          progress: () => {},
        }),
      };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/account",
    summary:
      "Rename the account, or change its time zone, language or business name shown to customers (admins)",
    tags: ["Account"],
    auth: "user",
    body: ZAccountUpdateRequest,
    response: ZAccount,
    async handle({ services, actor, body }) {
      authorize(actor, "user.manage");
      const account = await accountUpdater(services.db, { actor, changes: body });
      return { data: presentAccount(account) };
    },
  }),
];
