import { z } from "zod";
import { channelTemplateLister } from "../../../commands/channelTemplateLister.ts";
import { loadAuthorized } from "../../authorized.ts";
import { defineRoute, ZIdParams } from "../../route.ts";
import { ZTemplate } from "./schema.ts";

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
      const channel = await loadAuthorized(
        services.db,
        actor,
        "channel.read",
        "channels",
        params.id,
      );
      return { data: await channelTemplateLister(services, { channel }) };
    },
  }),
];
