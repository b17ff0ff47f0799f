import type { Updateable } from "kysely";
import { z } from "zod";
import { ZAccount, ZUser } from "../../../../shared/schemas.ts";
import { fillDemo } from "../../../admin/demo/index.ts";
import type { Actor } from "../../../auth/actor.ts";
import { userCreator } from "../../../commands/userCreator.ts";
import { hashPassword } from "../../../crypto/passwords.ts";
import type { UserTable } from "../../../db/schema.ts";
import { forbidden, notFound, unprocessable } from "../../../errors.ts";
import { recordAudit, recordEvent } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { presentAccount, presentUser } from "../../../presenters/user.ts";
import type { Services } from "../../../services.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZAccountUpdateRequest, ZUserCreateRequest, ZUserUpdateRequest } from "./schema.ts";

const tags = ["Users"];

async function loadUser(services: Services, actor: Actor, id: string) {
  const user = await services.db
    .selectFrom("users")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!user) throw notFound("User");
  authorize(actor, "user.read", user);
  const teams = await services.db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", id)
    .execute();
  return { user, teamIds: teams.map((team) => team.team_id) };
}

export const userRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/users",
    summary: "The account's agents",
    tags,
    auth: "user",
    response: z.array(ZUser),
    async handle({ services, actor }) {
      authorize(actor, "user.read");
      const users = await services.db
        .selectFrom("users")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .orderBy("name")
        .execute();
      const members = await services.db
        .selectFrom("team_members")
        .select(["user_id", "team_id"])
        .where("account_id", "=", actor.accountId)
        .execute();
      return {
        data: users.map((user) =>
          presentUser(
            user,
            members.filter((m) => m.user_id === user.id).map((m) => m.team_id),
          ),
        ),
      };
    },
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
    async handle({ services, actor, params, body }) {
      const { user } = await loadUser(services, actor, params.id);
      authorize(actor, "user.update", user);
      const adminOnly = body.role !== undefined || body.disabled !== undefined;
      if (adminOnly && actor.role !== "admin") throw forbidden("Only an admin can change roles.");
      if (adminOnly && user.id === actor.userId) {
        throw unprocessable("self_change", "You cannot change your own role or disable yourself.");
      }
      const set: Updateable<UserTable> = {
        name: body.name,
        role: body.role,
        locale: body.locale,
        time_zone: body.timeZone,
        available: body.available,
      };
      if (body.disabled !== undefined) set.disabled_at = body.disabled ? new Date() : null;
      if (body.password) set.password_hash = await hashPassword(body.password);
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set(set)
          .where("account_id", "=", actor.accountId)
          .where("id", "=", user.id)
          .execute();
        if (body.disabled) {
          await trx
            .deleteFrom("sessions")
            .where("account_id", "=", actor.accountId)
            .where("user_id", "=", user.id)
            .execute();
        }
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "user.updated",
          payload: {
            userId: user.id,
            changes: Object.keys(body).filter((key) => key !== "password"),
          },
          actorUserId: actor.userId,
        });
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "user.update",
          subjectType: "user",
          subjectId: user.id,
          data: { ...body, password: body.password ? "[changed]" : undefined },
        });
      });
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
      const account = await services.db
        .selectFrom("accounts")
        .selectAll()
        .where("id", "=", actor.accountId)
        .executeTakeFirstOrThrow();
      return { data: presentAccount(account) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/account/demo",
    summary:
      "Fill the current account with demo agents, teams, channels and conversations (admins)",
    tags: ["Account"],
    auth: "user",
    response: z.object({ conversations: z.number(), agents: z.array(z.string()) }),
    status: 201,
    async handle({ services, actor }) {
      authorize(actor, "user.manage");
      return {
        data: await fillDemo(services, {
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
    summary: "Rename the account, or change its time zone or language (admins)",
    tags: ["Account"],
    auth: "user",
    body: ZAccountUpdateRequest,
    response: ZAccount,
    async handle({ services, actor, body }) {
      authorize(actor, "user.manage");
      const account = await services.db
        .updateTable("accounts")
        .set({ name: body.name, time_zone: body.timeZone, locale: body.locale })
        .where("id", "=", actor.accountId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { data: presentAccount(account) };
    },
  }),
];
