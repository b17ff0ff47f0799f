import { z } from "zod";
import { createApiToken } from "../../../auth/sessions.ts";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
import { notFound } from "../../../errors.ts";
import { updateOwned } from "../../../models/owned.ts";
import { findActiveToken, listActiveTokens } from "../../../models/tokens.ts";
import { authorize } from "../../../policies/index.ts";
import { presentToken } from "../../../presenters/token.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZToken, ZTokenCreated, ZTokenCreateRequest, ZTokenRevoked } from "./schema.ts";

const tags = ["API tokens"];

export const tokenRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/tokens",
    summary: "Your personal API tokens (never the tokens themselves)",
    tags,
    auth: "user",
    response: z.array(ZToken),
    async handle({ services, actor }) {
      const rows = await listActiveTokens(services.db, actor.accountId, actor.userId);
      return { data: rows.map(presentToken) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/tokens",
    summary: "Create a personal API token for integrations; it is shown once",
    tags,
    auth: "user",
    body: ZTokenCreateRequest,
    response: ZTokenCreated,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "token.create");
      const { id, token } = await changeRecorder(services.db, {
        actor,
        action: "token.create",
        subjectType: "api_token",
        write: (trx) => createApiToken({ ...services, db: trx }, actor, body.name),
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
    response: ZTokenRevoked,
    async handle({ services, actor, params }) {
      const token = await findActiveToken(services.db, actor.accountId, params.id);
      // Another user's token is not found, as another account's would be.
      if (!token || token.user_id !== actor.userId) throw notFound("API token");
      authorize(actor, "token.revoke", token);
      await changeRecorder(services.db, {
        actor,
        action: "token.revoke",
        subjectType: "api_token",
        write: (trx) =>
          updateOwned(trx, "api_tokens", actor.accountId, token.id, { revoked_at: new Date() }),
      });
      return { data: { revoked: true } };
    },
  }),
];
