import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { InboundRequest } from "../../channels/provider.ts";
import { hasRecordReceiver } from "../../channels/records.ts";
import { findChannelForHook, resolveChannel } from "../../channels/resolve.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Services } from "../../services.ts";

const ZHookParams = z.object({ channelId: z.uuid() });

/**
 * Provider webhooks at /hooks/<channel-id>: answer the provider's handshake, verify its
 * signature over the raw body, store what it sent idempotently, acknowledge. Everything slower
 * happens in jobs.
 */
export async function hooksPlugin(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.route({
    method: ["GET", "POST"],
    url: "/hooks/:channelId",
    handler: async (request, reply) => {
      const params = ZHookParams.safeParse(request.params);
      if (!params.success) throw notFound("Channel");
      const row = await findChannelForHook(services.db, params.data.channelId);
      if (!row) throw notFound("Channel");
      const { provider, channel } = resolveChannel(row, services.secrets);
      const inbound: InboundRequest = {
        method: request.method,
        headers: request.headers,
        query: request.query as Record<string, string | undefined>,
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      };
      const log = request.log.child({
        accountId: row.account_id,
        channelId: row.id,
        provider: row.kind,
      });

      const handshake = provider.handshake?.(channel, inbound);
      if (handshake) {
        reply.status(handshake.status);
        if (handshake.contentType) reply.type(handshake.contentType);
        return handshake.body ?? "";
      }
      if (request.method !== "POST") {
        throw new AppError(405, "method_not_allowed", "This webhook accepts POST requests.");
      }
      provider.verify(channel, inbound);
      // A shop's orders, shipments and stock: stored by the provider, answered at once.
      if (hasRecordReceiver(provider)) {
        const answer = await provider.receiveRecords(services, channel, inbound);
        log.info({ status: answer.status }, "webhook records stored");
        reply.status(answer.status);
        return answer.body ?? "";
      }
      const items = provider.parse(channel, inbound);
      const outcome = await inboundIngester(services.db, row, items);
      log.info(
        { stored: outcome.stored, duplicates: outcome.duplicates, updates: outcome.updates },
        "webhook stored",
      );
      const ack = provider.acknowledge?.(items);
      if (ack) {
        reply.status(ack.status);
        if (ack.contentType) reply.type(ack.contentType);
        return ack.body ?? "";
      }
      return {
        data: {
          stored: outcome.stored,
          duplicates: outcome.duplicates,
          updates: outcome.updates,
          messageIds: outcome.messageIds,
        },
      };
    },
  });
}
