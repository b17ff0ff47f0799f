import { type Kysely, sql } from "kysely";
import { z } from "zod";
import {
  ZCannedReply,
  ZCannedReplyCreateRequest,
  ZCannedReplyRendered,
  ZCannedReplyRenderRequest,
  ZCannedReplyUpdateRequest,
} from "../../../../shared/rules.ts";
import type { Actor } from "../../../auth/actor.ts";
import type { DB } from "../../../db/schema.ts";
import { conflict, notFound, validationFailed } from "../../../errors.ts";
import { recordAudit } from "../../../events/outbox.ts";
import { findConversation } from "../../../models/conversations.ts";
import { authorize } from "../../../policies/index.ts";
import { presentCannedReply } from "../../../presenters/rule.ts";
import { cannedReplyRenderer } from "../../../rules/facts.ts";
import { checkTemplate } from "../../../rules/validate.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Canned replies"];

const ZCannedReplyListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe("Part of the shortcut or title"),
});

async function loadCannedReply(db: Kysely<DB>, actor: Actor, id: string) {
  const reply = await db
    .selectFrom("canned_replies")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!reply) throw notFound("Canned reply");
  authorize(actor, "cannedReply.read", reply);
  return reply;
}

async function shortcutTaken(db: Kysely<DB>, accountId: string, shortcut: string, except?: string) {
  const row = await db
    .selectFrom("canned_replies")
    .select("id")
    .where("account_id", "=", accountId)
    .where("shortcut", "=", shortcut)
    .$if(Boolean(except), (query) => query.where("id", "!=", except ?? ""))
    .executeTakeFirst();
  if (row) throw conflict("shortcut_exists", `The shortcut "${shortcut}" is already used.`);
}

export const cannedReplyRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/canned-replies",
    summary: "The account's canned replies, by shortcut",
    tags,
    auth: "user",
    query: ZCannedReplyListQuery,
    response: z.array(ZCannedReply),
    async handle({ services, actor, query }) {
      authorize(actor, "cannedReply.read");
      const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, "\\$&")}%` : null;
      const replies = await services.db
        .selectFrom("canned_replies")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .$if(pattern !== null, (q) =>
          q.where((eb) =>
            eb.or([eb("shortcut", "ilike", pattern ?? ""), eb("title", "ilike", pattern ?? "")]),
          ),
        )
        .orderBy("shortcut")
        .execute();
      return { data: replies.map(presentCannedReply) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/canned-replies",
    summary: "Create a canned reply in French and/or English (supervisors, admins)",
    tags,
    auth: "user",
    body: ZCannedReplyCreateRequest,
    response: ZCannedReply,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "cannedReply.manage");
      checkTemplate(body.bodyFr, "bodyFr");
      checkTemplate(body.bodyEn, "bodyEn");
      await shortcutTaken(services.db, actor.accountId, body.shortcut);
      const reply = await services.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("canned_replies")
          .values({
            account_id: actor.accountId,
            shortcut: body.shortcut,
            title: body.title,
            body_fr: body.bodyFr,
            body_en: body.bodyEn,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "canned_reply.create",
          subjectType: "canned_reply",
          subjectId: created.id,
          data: { shortcut: body.shortcut },
        });
        return created;
      });
      return { data: presentCannedReply(reply) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/canned-replies/:id",
    summary: "One canned reply",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZCannedReply,
    async handle({ services, actor, params }) {
      return { data: presentCannedReply(await loadCannedReply(services.db, actor, params.id)) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/canned-replies/:id",
    summary: "Change a canned reply (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCannedReplyUpdateRequest,
    response: ZCannedReply,
    async handle({ services, actor, params, body }) {
      const reply = await loadCannedReply(services.db, actor, params.id);
      authorize(actor, "cannedReply.manage", reply);
      checkTemplate(body.bodyFr, "bodyFr");
      checkTemplate(body.bodyEn, "bodyEn");
      const bodyFr = body.bodyFr === undefined ? reply.body_fr : body.bodyFr;
      const bodyEn = body.bodyEn === undefined ? reply.body_en : body.bodyEn;
      if (bodyFr === null && bodyEn === null) {
        throw validationFailed("Write the reply in French, English or both.");
      }
      if (body.shortcut) await shortcutTaken(services.db, actor.accountId, body.shortcut, reply.id);
      const updated = await services.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("canned_replies")
          .set({
            shortcut: body.shortcut,
            title: body.title,
            body_fr: bodyFr,
            body_en: bodyEn,
            updated_at: new Date(),
          })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", reply.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "canned_reply.update",
          subjectType: "canned_reply",
          subjectId: reply.id,
          data: { ...body },
        });
        return row;
      });
      return { data: presentCannedReply(updated) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/canned-replies/:id",
    summary: "Delete a canned reply no rule uses (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.object({ deleted: z.boolean() }),
    async handle({ services, actor, params }) {
      const reply = await loadCannedReply(services.db, actor, params.id);
      authorize(actor, "cannedReply.manage", reply);
      const usedBy = await services.db
        .selectFrom("rules")
        .select("name")
        .where("account_id", "=", actor.accountId)
        .where(
          sql<boolean>`actions @> ${JSON.stringify([{ type: "reply", cannedReplyId: reply.id }])}::jsonb`,
        )
        .executeTakeFirst();
      if (usedBy) {
        throw conflict(
          "canned_reply_in_use",
          `The rule "${usedBy.name}" sends this reply; change or delete the rule first.`,
        );
      }
      await services.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom("canned_replies")
          .where("account_id", "=", actor.accountId)
          .where("id", "=", reply.id)
          .execute();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "canned_reply.delete",
          subjectType: "canned_reply",
          subjectId: reply.id,
          data: { shortcut: reply.shortcut },
        });
      });
      return { data: { deleted: true } };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/canned-replies/:id/render",
    summary:
      "The reply as this conversation's customer should read it: their language, variables filled",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZCannedReplyRenderRequest,
    response: ZCannedReplyRendered,
    async handle({ services, actor, params, body }) {
      const reply = await loadCannedReply(services.db, actor, params.id);
      const conversation = await findConversation(
        services.db,
        actor.accountId,
        body.conversationId,
      );
      if (!conversation) throw notFound("Conversation");
      authorize(actor, "conversation.read", conversation);
      return {
        data: await cannedReplyRenderer(services.db, {
          reply,
          conversation,
          agentUserId: actor.userId,
        }),
      };
    },
  }),
];
