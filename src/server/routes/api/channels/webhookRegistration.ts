import { webhookRegistrar } from "../../../commands/webhookRegistrar.ts";
import { presentChannel } from "../../../presenters/channel.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { browsedUrl } from "./baseUrl.ts";
import { ZWebhookRegistration } from "./schema.ts";

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
    async handle({ services, actor, params, request }) {
      const row = await loadAuthorized(services.db, actor, "channel.manage", "channels", params.id);
      const { channel, registration } = await webhookRegistrar(services, {
        accountId: actor.accountId,
        channelId: row.id,
        actorUserId: actor.userId,
      });
      return {
        data: {
          channel: presentChannel(channel, browsedUrl(services.env, request)),
          ...registration,
        },
      };
    },
  }),
];
