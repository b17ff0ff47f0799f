import { z } from "zod";
import { slaPolicyCreator } from "../../../commands/slaPolicyCreator.ts";
import { slaPolicyUpdater } from "../../../commands/slaPolicyUpdater.ts";
import { listSlaPolicies } from "../../../models/slaPolicies.ts";
import { authorize } from "../../../policies/index.ts";
import { presentSlaPolicy } from "../../../presenters/slaPolicy.ts";
import { firstMatchingPolicy } from "../../../sla/policyMatch.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineDeleteRoute } from "../../resourceRoutes.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import {
  ZSlaPolicy,
  ZSlaPolicyCreateRequest,
  ZSlaPolicyUpdateRequest,
  ZSlaPreview,
  ZSlaPreviewRequest,
} from "./schema.ts";

const tags = ["SLA"];

export const slaPolicyRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/sla-policies",
    summary: "The account's SLA policies, in the order they are tried",
    tags,
    auth: "user",
    response: z.array(ZSlaPolicy),
    async handle({ services, actor }) {
      authorize(actor, "sla_policy.read");
      return { data: (await listSlaPolicies(services.db, actor.accountId)).map(presentSlaPolicy) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/sla-policies",
    summary: "Create an SLA policy (supervisors, admins)",
    tags,
    auth: "user",
    body: ZSlaPolicyCreateRequest,
    response: ZSlaPolicy,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "sla_policy.manage");
      const policy = await slaPolicyCreator(services.db, { actor, policy: body });
      return { data: presentSlaPolicy(policy) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/sla-policies/preview",
    summary: "Which policy a sample conversation would get (nothing is changed)",
    tags,
    auth: "user",
    body: ZSlaPreviewRequest,
    response: ZSlaPreview,
    async handle({ services, actor, body }) {
      authorize(actor, "sla_policy.read");
      const policy = firstMatchingPolicy(await listSlaPolicies(services.db, actor.accountId), body);
      return { data: { policyId: policy?.id ?? null, policyName: policy?.name ?? null } };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/sla-policies/:id",
    summary: "One SLA policy",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZSlaPolicy,
    async handle({ services, actor, params }) {
      const policy = await loadAuthorized(
        services.db,
        actor,
        "sla_policy.read",
        "sla_policies",
        params.id,
      );
      return { data: presentSlaPolicy(policy) };
    },
  }),

  defineRoute({
    method: "PATCH",
    url: "/api/v1/sla-policies/:id",
    summary: "Change or reorder an SLA policy (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZSlaPolicyUpdateRequest,
    response: ZSlaPolicy,
    async handle({ services, actor, params, body }) {
      const policy = await loadAuthorized(
        services.db,
        actor,
        "sla_policy.manage",
        "sla_policies",
        params.id,
      );
      const updated = await slaPolicyUpdater(services.db, { actor, policy, changes: body });
      return { data: presentSlaPolicy(updated) };
    },
  }),

  defineDeleteRoute({
    url: "/api/v1/sla-policies/:id",
    summary: "Delete an SLA policy (clocks it started keep running; supervisors, admins)",
    tags,
    table: "sla_policies",
    action: "sla_policy.manage",
    subjectType: "sla_policy",
    data: (row) => ({ name: row.name }),
  }),
];
