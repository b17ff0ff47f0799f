import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { callHookHandler } from "../../callbacks/callEvents.ts";
import type { PhoneChannel } from "../../channels/phone/config.ts";
import { twilioParams } from "../../channels/phone/provider.ts";
import type { InboundRequest } from "../../channels/provider.ts";
import { findChannelForHook, resolveChannel } from "../../channels/resolve.ts";
import { notFound } from "../../errors.ts";
import type { Services } from "../../services.ts";

const ZHookParams = z.object({ channelId: z.uuid() });
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio's signed callbacks to /hooks/<phone-channel-id>. The generic webhook route stores what
 * a provider parses in the channel's own conversations; a call made for a callback belongs to
 * the conversation the customer asked in (a chat, an email…), so these requests — told apart by
 * Twilio's X-Twilio-Signature header, through a route constraint on the same URL — are verified
 * by the phone provider and then logged by callHookHandler in the right conversation.
 */
export async function callHooksPlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  if (!app.hasConstraintStrategy("twilioSignature")) {
    app.addConstraintStrategy({
      name: "twilioSignature",
      mustMatchWhenDerived: false,
      storage() {
        const handlers = new Map<string, unknown>();
        return {
          get: (value: string) => (handlers.get(value) ?? null) as never,
          set: (value: string, handler: unknown) => {
            handlers.set(value, handler);
          },
        };
      },
      deriveConstraint: (request: { headers: Record<string, unknown> }) =>
        request.headers["x-twilio-signature"] ? "signed" : (undefined as unknown as string),
    });
  }
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.route({
    method: "POST",
    url: "/hooks/:channelId",
    constraints: { twilioSignature: "signed" },
    handler: async (request, reply) => {
      const params = ZHookParams.safeParse(request.params);
      if (!params.success) throw notFound("Channel");
      const row = await findChannelForHook(services.db, params.data.channelId);
      if (row?.kind !== "phone") throw notFound("Channel");
      const { provider, channel } = resolveChannel(row, services.secrets);
      const inbound: InboundRequest = {
        method: request.method,
        headers: request.headers,
        query: request.query as Record<string, string | undefined>,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      };
      provider.verify(channel, inbound);
      const outcome = await callHookHandler(
        services,
        channel as PhoneChannel,
        twilioParams(inbound),
      );
      request.log.info(
        { accountId: row.account_id, channelId: row.id, logged: outcome.logged },
        "Twilio callback handled",
      );
      reply.type("text/xml");
      return outcome.twiml ?? EMPTY_TWIML;
    },
  });
}
