import {
  type TDelayPreviewRequest,
  ZDelayPreview,
  ZDelayPreviewRequest,
} from "../../../../shared/backoffice.ts";
import { type DelayCriteria, delayPlan } from "../../../backoffice/delayPlan.ts";
import { delayAnnouncer } from "../../../commands/delayAnnouncer.ts";
import { authorize } from "../../../policies/index.ts";
import { presentDelay, presentDelayPreview } from "../../../presenters/backoffice.ts";
import { defineRoute } from "../../route.ts";
import { ZDelay, ZDelayRequest } from "./schema.ts";

const criteriaOf = (body: TDelayPreviewRequest): DelayCriteria => ({
  ...(body.sku ? { sku: body.sku } : {}),
  ...(body.orderNumbers ? { orderNumbers: body.orderNumbers } : {}),
  ...(body.carrier ? { carrier: body.carrier } : {}),
});

export const delayRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/delays",
    summary:
      "Announce a delay: every customer with an undelivered order it hits is told once, on their own channel",
    tags: ["Back office"],
    auth: "user",
    body: ZDelayRequest,
    response: ZDelay,
    status: 201,
    async handle({ services, actor, body }) {
      authorize(actor, "delay.create");
      const delay = await delayAnnouncer(services, {
        accountId: actor.accountId,
        actorUserId: actor.userId,
        criteria: criteriaOf(body),
        newExpectedDelivery: body.newExpectedDelivery,
        reason: body.reason,
        idempotencyKey: body.idempotencyKey,
      });
      return { data: presentDelay(delay) };
    },
  }),

  defineRoute({
    method: "POST",
    url: "/api/v1/delays/preview",
    summary:
      "Preview a delay without sending or storing anything: who would be told, where, and the message in each language",
    tags: ["Back office"],
    auth: "user",
    body: ZDelayPreviewRequest,
    response: ZDelayPreview,
    async handle({ services, actor, body }) {
      authorize(actor, "delay.create");
      const props = {
        criteria: criteriaOf(body),
        newExpectedDelivery: body.newExpectedDelivery,
        reason: body.reason,
      };
      const plan = await delayPlan(services.db, actor.accountId, props);
      return { data: presentDelayPreview(plan, props) };
    },
  }),
];
