import { z } from "zod";
import { loadArrivalEstimates } from "../../../backoffice/arrivalEstimates.ts";
import { checkEveryLimit, loadLimits } from "../../../backoffice/authority.ts";
import { toCents } from "../../../backoffice/values.ts";
import { agentActionRequester } from "../../../commands/agentActionRequester.ts";
import { approvalDecider } from "../../../commands/approvalDecider.ts";
import { arrivalEstimatesSetter } from "../../../commands/arrivalEstimatesSetter.ts";
import { authorityLimitsSetter } from "../../../commands/authorityLimitsSetter.ts";
import { listApprovals, loadApproval } from "../../../models/approvals.ts";
import { authorize } from "../../../policies/index.ts";
import { presentAction, presentApproval, presentMyLimits } from "../../../presenters/backoffice.ts";
import { loadAuthorized, loadConversation } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZActionRequest,
  ZAgentAction,
  ZApproval,
  ZApprovalDecision,
  ZApprovalListQuery,
  ZArrivalEstimates,
  ZAuthorityLimits,
  ZMyLimits,
} from "./schema.ts";

const tags = ["Back office"];

export const agentActionRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/conversations/:id/actions",
    summary:
      "Act for the customer on an order (replacement, return, refund, credit): done within the role's limits, else pending approval",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZActionRequest,
    response: ZAgentAction,
    status: 201,
    async handle({ services, actor, params, body }) {
      const conversation = await loadConversation(
        services.db,
        actor,
        "agentAction.create",
        params.id,
      );
      const action = await agentActionRequester(services.db, {
        actor,
        conversationId: conversation.id,
        request: {
          type: body.type,
          orderId: body.orderId,
          lines: body.lines,
          amountCents: toCents(body.amount ?? 0) ?? 0,
          ...(body.currency ? { currency: body.currency } : {}),
          reason: body.reason,
          idempotencyKey: body.idempotencyKey,
        },
      });
      return { data: presentAction(action) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/approvals",
    summary: "Actions waiting for (or decided by) a supervisor, newest first",
    tags,
    auth: "user",
    query: ZApprovalListQuery,
    response: z.array(ZApproval),
    async handle({ services, actor, query }) {
      authorize(actor, "approval.read");
      const rows = await listApprovals(services.db, actor.accountId, query.status);
      return { data: rows.map(presentApproval) };
    },
  }),

  ...(["approve", "reject"] as const).map((decision) =>
    defineRoute({
      method: "POST",
      url: `/api/v1/approvals/:id/${decision}`,
      summary:
        decision === "approve"
          ? "Approve a pending action, which is then carried out once"
          : "Reject a pending action (its held goods are released)",
      tags,
      auth: "user",
      params: ZIdParams,
      body: ZApprovalDecision,
      response: ZApproval,
      async handle({ services, actor, params, body }) {
        await loadAuthorized(services.db, actor, "approval.decide", "approvals", params.id);
        await approvalDecider(services.db, {
          actor,
          approvalId: params.id,
          decision,
          reason: body.reason,
        });
        return {
          data: presentApproval(await loadApproval(services.db, actor.accountId, params.id)),
        };
      },
    }),
  ),

  defineRoute({
    method: "GET",
    url: "/api/v1/authority-limits",
    summary: "What agents and supervisors may do alone, per action and per day (admins: no limit)",
    tags,
    auth: "user",
    response: ZAuthorityLimits,
    async handle({ services, actor }) {
      authorize(actor, "authorityLimits.read");
      return { data: await loadLimits(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/authority-limits",
    summary: "Set the authority limits of agents and supervisors (admins)",
    tags,
    auth: "user",
    body: ZAuthorityLimits,
    response: ZAuthorityLimits,
    async handle({ services, actor, body }) {
      authorize(actor, "authorityLimits.manage");
      await authorityLimitsSetter(services.db, { actor, limits: body });
      return { data: await loadLimits(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/authority-limits/mine",
    summary: "The signed-in user's limits and what is left of them today",
    tags,
    auth: "user",
    response: ZMyLimits,
    async handle({ services, actor }) {
      authorize(actor, "authorityLimits.read");
      return { data: presentMyLimits(await checkEveryLimit(services.db, actor)) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/arrival-estimates",
    summary:
      "Working days for a refund to reach the customer's bank and a replacement their door (what agents promise)",
    tags,
    auth: "user",
    response: ZArrivalEstimates,
    async handle({ services, actor }) {
      authorize(actor, "authorityLimits.read");
      return { data: await loadArrivalEstimates(services.db, actor.accountId) };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/arrival-estimates",
    summary: "Set how long refunds and replacements take to arrive (admins)",
    tags,
    auth: "user",
    body: ZArrivalEstimates,
    response: ZArrivalEstimates,
    async handle({ services, actor, body }) {
      authorize(actor, "authorityLimits.manage");
      await arrivalEstimatesSetter(services.db, { actor, estimates: body });
      return { data: await loadArrivalEstimates(services.db, actor.accountId) };
    },
  }),
];
