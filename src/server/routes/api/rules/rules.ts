import { z } from "zod";
import { changeRecorder } from "../../../commands/changeRecorder.ts";
import { ruleCreator } from "../../../commands/ruleCreator.ts";
import { ruleUpdater } from "../../../commands/ruleUpdater.ts";
import { deleteOwned } from "../../../models/owned.ts";
import { listRules } from "../../../models/rules.ts";
import { authorize } from "../../../policies/index.ts";
import { presentRule } from "../../../presenters/rule.ts";
import { ruleDryRun } from "../../../rules/dryRun.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZDeleted, ZIdParams } from "../../route.ts";
import {
  ZRule,
  ZRuleCreateRequest,
  ZRuleTestRequest,
  ZRuleTestResult,
  ZRuleUpdateRequest,
} from "./schema.ts";

const tags = ["Rules"];

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
      return { data: (await listRules(services.db, actor.accountId)).map(presentRule) };
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
      return { data: presentRule(await ruleCreator(services.db, { actor, rule: body })) };
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
      const rule = await loadAuthorized(services.db, actor, "rule.read", "rules", params.id);
      return { data: presentRule(rule) };
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
      const rule = await loadAuthorized(services.db, actor, "rule.manage", "rules", params.id);
      return { data: presentRule(await ruleUpdater(services.db, { actor, rule, changes: body })) };
    },
  }),

  defineRoute({
    method: "DELETE",
    url: "/api/v1/rules/:id",
    summary: "Delete a rule (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZDeleted,
    async handle({ services, actor, params }) {
      const rule = await loadAuthorized(services.db, actor, "rule.manage", "rules", params.id);
      await changeRecorder(services.db, {
        actor,
        action: "rule.delete",
        subjectType: "rule",
        write: (trx) => deleteOwned(trx, "rules", actor.accountId, rule.id),
        data: (row) => ({ name: row.name }),
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
      const rule = await loadAuthorized(services.db, actor, "rule.read", "rules", params.id);
      const conversation = await loadAuthorized(
        services.db,
        actor,
        "conversation.read",
        "conversations",
        body.conversationId,
      );
      return { data: await ruleDryRun(services.db, { rule, conversation }) };
    },
  }),
];
