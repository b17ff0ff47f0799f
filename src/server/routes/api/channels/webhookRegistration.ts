import { z } from "zod";
import { ZChannel } from "../../../../shared/schemas.ts";
import { findChannel } from "../../../channels/resolve.ts";
import { webhookRegistrar } from "../../../commands/webhookRegistrar.ts";
import { publicUrl } from "../../../env.ts";
import { notFound } from "../../../errors.ts";
import { authorize } from "../../../policies/index.ts";
import { presentChannel } from "../../../presenters/channel.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const ZWebhookRegistration = z.object({
  channel: ZChannel,
  webhookId: z.string().describe("The provider's id of the webhook, kept in the channel config"),
  url: z.string().describe("The webhook URL registered with the provider"),
  reused: z.boolean().describe("The provider already had this URL: nothing was created"),
  subscribed: z.boolean().describe("The account was subscribed now (false: it already was)"),
});

export const channelWebhookRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/v1/channels/:id/webhook-registration",
    summary:
      "Register the channel's webhook with its provider (X Account Activity API; admins). " +
      "Idempotent: an existing registration is reused",
    tags: ["Channels"],
    auth: "user",
    params: ZIdParams,
    response: ZWebhookRegistration,
    async handle({ services, actor, params }) {
      const row = await findChannel(services.db, actor.accountId, params.id);
      if (!row) throw notFound("Channel");
      authorize(actor, "channel.manage", row);
      const { channel, registration } = await webhookRegistrar(services, {
        accountId: actor.accountId,
        channelId: row.id,
        actorUserId: actor.userId,
      });
      return {
        data: { channel: presentChannel(channel, publicUrl(services.env)), ...registration },
      };
    },
  }),
];
