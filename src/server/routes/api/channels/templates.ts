import { z } from "zod";
import { findChannel, resolveChannel } from "../../../channels/resolve.ts";
import { hasTemplateCatalog } from "../../../channels/whatsapp/templates.ts";
import { notFound, unprocessable } from "../../../errors.ts";
import { authorize } from "../../../policies/index.ts";
import { defineRoute, ZIdParams } from "../../route.ts";

const ZTemplate = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  variables: z.number().int().describe("How many body variables the template takes"),
  body: z.string(),
});

export const channelTemplateRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/v1/channels/:id/templates",
    summary: "The channel's approved message templates, from its provider (WhatsApp)",
    tags: ["Channels"],
    auth: "user",
    params: ZIdParams,
    response: z.array(ZTemplate),
    async handle({ services, actor, params }) {
      const row = await findChannel(services.db, actor.accountId, params.id);
      if (!row) throw notFound("Channel");
      authorize(actor, "channel.read", row);
      const { provider, channel } = resolveChannel(row, services.secrets);
      if (!hasTemplateCatalog(provider)) {
        throw unprocessable(
          "templates_unsupported",
          "This channel does not use message templates.",
        );
      }
      return { data: await provider.listTemplates(channel, services.env.RELAIS_HTTP_TIMEOUT_MS) };
    },
  }),
];
