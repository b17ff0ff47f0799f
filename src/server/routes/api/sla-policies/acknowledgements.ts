import { z } from "zod";
import { acknowledgementSetter } from "../../../commands/acknowledgementSetter.ts";
import { listChannels } from "../../../models/channels.ts";
import { authorize } from "../../../policies/index.ts";
import { presentAcknowledgementSetting } from "../../../presenters/acknowledgement.ts";
import { acknowledgementSetting } from "../../../sla/acknowledgementSettings.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZAcknowledgementSetting, ZAcknowledgementUpdateRequest } from "./schema.ts";

const tags = ["SLA"];

export const acknowledgementRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/channel-acknowledgements",
    summary: "Every channel's automatic acknowledgement, with the time a customer would be given",
    tags,
    auth: "user",
    response: z.array(ZAcknowledgementSetting),
    async handle({ services, actor }) {
      authorize(actor, "sla_policy.read");
      const channels = await listChannels(services.db, actor.accountId);
      const settings = [];
      for (const channel of channels) {
        settings.push(
          await acknowledgementSetting(services.db, { accountId: actor.accountId, channel }),
        );
      }
      return { data: settings.map(presentAcknowledgementSetting) };
    },
  }),

  defineRoute({
    method: "GET",
    url: "/api/v1/channels/:id/acknowledgement",
    summary: "A channel's automatic acknowledgement, with the time a customer would be given",
    tags,
    auth: "user",
    params: ZIdParams,
    response: ZAcknowledgementSetting,
    async handle({ services, actor, params }) {
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.read",
        "channels",
        params.id,
      );
      authorize(actor, "sla_policy.read");
      const setting = await acknowledgementSetting(services.db, {
        accountId: actor.accountId,
        channel,
      });
      return { data: presentAcknowledgementSetting(setting) };
    },
  }),

  defineRoute({
    method: "PUT",
    url: "/api/v1/channels/:id/acknowledgement",
    summary: "Turn a channel's automatic acknowledgement on or off (supervisors, admins)",
    tags,
    auth: "user",
    params: ZIdParams,
    body: ZAcknowledgementUpdateRequest,
    response: ZAcknowledgementSetting,
    async handle({ services, actor, params, body }) {
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.read",
        "channels",
        params.id,
      );
      authorize(actor, "sla_policy.manage");
      await acknowledgementSetter(services.db, { actor, channel, enabled: body.enabled });
      const setting = await acknowledgementSetting(services.db, {
        accountId: actor.accountId,
        channel,
      });
      return { data: presentAcknowledgementSetting(setting) };
    },
  }),
];
