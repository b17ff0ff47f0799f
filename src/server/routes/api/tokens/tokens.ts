import { z } from "zod";
import { createApiToken } from "../../../auth/sessions.ts";
import { notFound } from "../../../errors.ts";
import { recordAudit } from "../../../events/outbox.ts";
import { authorize } from "../../../policies/index.ts";
import { iso, isoOrNull } from "../../../presenters/dates.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["API tokens"];

const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const tokenRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/tokens",
    summary: "Your personal API tokens (never the tokens themselves)",
    tags,
    auth: "user",
    response: z.array(ZToken),
    async handle({ services, actor }) {
      const rows = await services.db
        .selectFrom("api_tokens")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("user_id", "=", actor.userId)
        .where("revoked_at", "is", null)
        .orderBy("created_at", "desc")
        .execute();
      return {
        data: rows.map((row) => ({
          id: row.id,
          name: row.name,
          lastUsedAt: isoOrNull(row.last_used_at),
          createdAt: iso(row.created_at),
        })),
      };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/tokens",
    summary: "Create a personal API token for integrations; it is shown once",
    tags,
    auth: "user",
    body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
    response: z.object({ id: z.string(), name: z.string(), token: z.string() }),
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "token.create");
      const { id, token } = await createApiToken(services, actor, body.name);
      await recordAudit(services.db, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        action: "token.create",
        subjectType: "api_token",
        subjectId: id,
      });
      return { data: { id, name: body.name, token } };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/tokens/:id",
    summary: "Revoke one of your API tokens",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.object({ revoked: z.boolean() }),
    async handle({ services, actor, params }) {
      const token = await services.db
        .selectFrom("api_tokens")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .where("id", "=", params.id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (!token || token.user_id !== actor.userId) throw notFound("API token");
      authorize(actor, "token.revoke", token);
      await services.db
        .updateTable("api_tokens")
        .set({ revoked_at: new Date() })
        .where("account_id", "=", actor.accountId)
        .where("id", "=", params.id)
        .execute();
      return { data: { revoked: true } };
    },
  }),
];
