import { ruleCreator } from "../../../commands/ruleCreator.ts";
import { ruleUpdater } from "../../../commands/ruleUpdater.ts";
import { listRules } from "../../../models/rules.ts";
import { authorize } from "../../../policies/index.ts";
import { presentRule } from "../../../presenters/rule.ts";
import { ruleDryRun } from "../../../rules/dryRun.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineDeleteRoute, defineListRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZRule,
  ZRuleCreateRequest,
  ZRuleTestRequest,
  ZRuleTestResult,
  ZRuleUpdateRequest,
} from "./schema.ts";

const tags = ["Rules"];

export const ruleRoutes = [
  defineListRoute({
    url: "/api/v1/rules",
    summary: "The account's automation rules, in the order they run",
    tags,
    action: "rule.read",
    item: ZRule,
    list: (db, actor) => listRules(db, actor.accountId),
    present: presentRule,
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

  defineDeleteRoute({
    url: "/api/v1/rules/:id",
    summary: "Delete a rule (supervisors, admins)",
    tags,
    table: "rules",
    action: "rule.manage",
    subjectType: "rule",
    data: (row) => ({ name: row.name }),
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
      const conversation = await loadConversation(
        services.db,
        actor,
        "conversation.read",
        body.conversationId,
      );
      return { data: await ruleDryRun(services.db, { rule, conversation }) };
    },
  }),
];
