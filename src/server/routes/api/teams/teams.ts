import type { Kysely } from "kysely";
import { z } from "zod";
import { ZTeam } from "../../../../shared/schemas.ts";
import type { Actor } from "../../../auth/actor.ts";
import type { DB } from "../../../db/schema.ts";
import { conflict, notFound } from "../../../errors.ts";
import { recordEvent } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { presentTeam } from "../../../presenters/user.ts";
import { defineRoute, ZId, ZIdParams } from "../../route.ts";

const tags = ["Teams"];

const ZSkills = z
  .object({
    languages: z.array(z.string().min(2).max(10)).max(20).optional(),
    categories: z.array(z.string().min(1).max(60)).max(40).optional(),
    channelKinds: z.array(z.string().min(1).max(20)).max(20).optional(),
  })
  .strict();

const ZTeamCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    skills: ZSkills.default({}),
    memberIds: z.array(ZId).max(500).default([]),
  })
  .strict();

const ZTeamUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    skills: ZSkills.optional(),
    memberIds: z.array(ZId).max(500).optional(),
  })
  .strict();

async function loadTeam(db: Kysely<DB>, actor: Actor, id: string) {
  const team = await db
    .selectFrom("teams")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!team) throw notFound("Team");
  authorize(actor, "team.read", team);
  const members = await db
    .selectFrom("team_members")
    .select("user_id")
    .where("account_id", "=", actor.accountId)
    .where("team_id", "=", id)
    .execute();
  return presentTeam(
    team,
    members.map((member) => member.user_id),
  );
}

async function setMembers(trx: Kysely<DB>, accountId: string, teamId: string, memberIds: string[]) {
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

async function nameTaken(trx: Kysely<DB>, accountId: string, name: string, except?: string) {
  const row = await trx
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", accountId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
    .$if(Boolean(except), (query) => query.where("id", "!=", except ?? ""))
    .executeTakeFirst();
  if (row) throw conflict("team_exists", `A team named "${name}" already exists.`);
}

export const teamRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/teams",
    summary: "The account's teams with their skills and members",
    tags,
    auth: "user",
    response: z.array(ZTeam),
    async handle({ services, actor }) {
      authorize(actor, "team.read");
      const teams = await services.db
        .selectFrom("teams")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .orderBy("name")
        .execute();
      const members = await services.db
        .selectFrom("team_members")
        .select(["team_id", "user_id"])
        .where("account_id", "=", actor.accountId)
        .execute();
      return {
        data: teams.map((team) =>
          presentTeam(
            team,
            members.filter((m) => m.team_id === team.id).map((m) => m.user_id),
          ),
        ),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/teams",
    summary: "Create a team (supervisors, admins)",
    tags,
    auth: "user",
    body: ZTeamCreateRequest,
    response: ZTeam,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "team.manage");
      const id = await services.db.transaction().execute(async (trx) => {
        await nameTaken(trx, actor.accountId, body.name);
        const team = await trx
          .insertInto("teams")
          .values({
            account_id: actor.accountId,
            name: body.name,
            skills: JSON.stringify(body.skills),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await setMembers(trx, actor.accountId, team.id, body.memberIds);
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "team.created",
          payload: { teamId: team.id },
          actorUserId: actor.userId,
        });
        return team.id;
      });
      return { data: await loadTeam(services.db, actor, id) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/teams/:id",
    summary: "One team",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZTeam,
    async handle({ services, actor, params }) {
      return { data: await loadTeam(services.db, actor, params.id) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/teams/:id",
    summary: "Rename a team, change its skills or members",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZTeamUpdateRequest,
    response: ZTeam,
    async handle({ services, actor, params, body }) {
      await loadTeam(services.db, actor, params.id);
      authorize(actor, "team.manage");
      await services.db.transaction().execute(async (trx) => {
        if (body.name) await nameTaken(trx, actor.accountId, body.name, params.id);
        if (body.name || body.skills) {
          await trx
            .updateTable("teams")
            .set({ name: body.name, skills: body.skills ? JSON.stringify(body.skills) : undefined })
            .where("account_id", "=", actor.accountId)
            .where("id", "=", params.id)
            .execute();
        }
        if (body.memberIds) await setMembers(trx, actor.accountId, params.id, body.memberIds);
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "team.updated",
          payload: { teamId: params.id, changes: Object.keys(body) },
          actorUserId: actor.userId,
        });
      });
      return { data: await loadTeam(services.db, actor, params.id) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/teams/:id",
    summary: "Delete a team (its conversations stay, unassigned from it)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.object({ deleted: z.boolean() }),
    async handle({ services, actor, params }) {
      await loadTeam(services.db, actor, params.id);
      authorize(actor, "team.manage");
      await services.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom("teams")
          .where("account_id", "=", actor.accountId)
          .where("id", "=", params.id)
          .execute();
        await recordEvent(trx, {
          accountId: actor.accountId,
          name: "team.deleted",
          payload: { teamId: params.id },
          actorUserId: actor.userId,
        });
      });
      return { data: { deleted: true } };
    },
  }),
];
