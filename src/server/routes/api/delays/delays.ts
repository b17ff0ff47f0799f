import { delayAnnouncer } from "../../../commands/delayAnnouncer.ts";
import { authorize } from "../../../policies/index.ts";
import { presentDelay } from "../../../presenters/backoffice.ts";
import { defineRoute } from "../../route.ts";
import { ZDelay, ZDelayRequest } from "./schema.ts";

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
        criteria: {
          ...(body.sku ? { sku: body.sku } : {}),
          ...(body.orderNumbers ? { orderNumbers: body.orderNumbers } : {}),
          ...(body.carrier ? { carrier: body.carrier } : {}),
        },
        newExpectedDelivery: body.newExpectedDelivery,
        reason: body.reason,
        idempotencyKey: body.idempotencyKey,
      });
      return { data: presentDelay(delay) };
    },
  }),
];
