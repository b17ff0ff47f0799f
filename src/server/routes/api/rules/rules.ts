import type { Kysely } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import {
  ZRule,
  ZRuleCreateRequest,
  ZRuleTestRequest,
  ZRuleTestResult,
  ZRuleUpdateRequest,
} from "../../../../shared/rules.ts";
import type { Actor } from "../../../auth/actor.ts";
import type { DB } from "../../../db/schema.ts";
import { notFound } from "../../../errors.ts";
import { recordAudit } from "../../../events/outbox.ts";
import { findConversation } from "../../../models/conversations.ts";
import { authorize } from "../../../policies/index.ts";
import { presentRule } from "../../../presenters/rule.ts";
import { conditionMatches } from "../../../rules/conditions.ts";
import { loadRuleFacts } from "../../../rules/facts.ts";
import { checkRuleReferences } from "../../../rules/validate.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const tags = ["Rules"];

async function loadRule(db: Kysely<DB>, actor: Actor, id: string) {
  const rule = await db
    .selectFrom("rules")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!rule) throw notFound("Rule");
  authorize(actor, "rule.read", rule);
  return rule;
}

export const ruleRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/rules",
    summary: "The account's automation rules, in the order they run",
    tags,
    auth: "user",
    response: z.array(ZRule),
    async handle({ services, actor }) {
      authorize(actor, "rule.read");
      const rules = await services.db
        .selectFrom("rules")
        .selectAll()
        .where("account_id", "=", actor.accountId)
        .orderBy("position")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return { data: rules.map(presentRule) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/rules",
    summary:
      "Create a rule: when (trigger) … if (conditions) … then (actions) (supervisors, admins)",
    tags,
    auth: "user",
    body: ZRuleCreateRequest,
    response: ZRule,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "rule.manage");
      await checkRuleReferences(services.db, actor.accountId, body);
      const rule = await services.db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("rules")
          .select(sql<number | null>`max(position)`.as("position"))
          .where("account_id", "=", actor.accountId)
          .executeTakeFirst();
        const created = await trx
          .insertInto("rules")
          .values({
            account_id: actor.accountId,
            name: body.name,
            enabled: body.enabled,
            position: body.position ?? (last?.position ?? -1) + 1,
            trigger: body.trigger,
            conditions: JSON.stringify(body.conditions),
            actions: JSON.stringify(body.actions),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "rule.create",
          subjectType: "rule",
          subjectId: created.id,
          data: { ...body },
        });
        return created;
      });
      return { data: presentRule(rule) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/rules/:id",
    summary: "One rule",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZRule,
    async handle({ services, actor, params }) {
      return { data: presentRule(await loadRule(services.db, actor, params.id)) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/rules/:id",
    summary: "Change, reorder, enable or disable a rule (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZRuleUpdateRequest,
    response: ZRule,
    async handle({ services, actor, params, body }) {
      const rule = await loadRule(services.db, actor, params.id);
      authorize(actor, "rule.manage", rule);
      await checkRuleReferences(services.db, actor.accountId, body);
      const updated = await services.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("rules")
          .set({
            name: body.name,
            enabled: body.enabled,
            position: body.position,
            trigger: body.trigger,
            conditions: body.conditions ? JSON.stringify(body.conditions) : undefined,
            actions: body.actions ? JSON.stringify(body.actions) : undefined,
            updated_at: new Date(),
          })
          .where("account_id", "=", actor.accountId)
          .where("id", "=", rule.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "rule.update",
          subjectType: "rule",
          subjectId: rule.id,
          data: { ...body },
        });
        return row;
      });
      return { data: presentRule(updated) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/rules/:id",
    summary: "Delete a rule (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: z.object({ deleted: z.boolean() }),
    async handle({ services, actor, params }) {
      const rule = await loadRule(services.db, actor, params.id);
      authorize(actor, "rule.manage", rule);
      await services.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom("rules")
          .where("account_id", "=", actor.accountId)
          .where("id", "=", rule.id)
          .execute();
        await recordAudit(trx, {
          accountId: actor.accountId,
          actorUserId: actor.userId,
          action: "rule.delete",
          subjectType: "rule",
          subjectId: rule.id,
          data: { name: rule.name },
        });
      });
      return { data: { deleted: true } };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/rules/:id/test",
    summary:
      "Dry run: which of the rule's conditions a conversation meets now (nothing is changed)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZRuleTestRequest,
    response: ZRuleTestResult,
    async handle({ services, actor, params, body }) {
      const rule = await loadRule(services.db, actor, params.id);
      const conversation = await findConversation(
        services.db,
        actor.accountId,
        body.conversationId,
      );
      if (!conversation) throw notFound("Conversation");
      authorize(actor, "conversation.read", conversation);
      const facts = await loadRuleFacts(services.db, conversation);
      const conditions = rule.conditions.map((condition) => ({
        condition,
        matched: conditionMatches(condition, facts),
      }));
      return {
        data: {
          matched: conditions.every((result) => result.matched),
          conditions,
          actions: rule.actions,
        },
      };
    },
  }),
];
