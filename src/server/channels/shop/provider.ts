import { z } from "zod";
import { storeRecords } from "../../backoffice/recordStore.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import { badRequest } from "../../errors.ts";
import { SIGNATURE_HEADER, verifySignature } from "../api/signature.ts";
import { type ChannelProvider, headerValue } from "../provider.ts";
import { NO_MESSAGES, type RecordReceiver } from "../records.ts";
import { toRecord, ZShopEvent } from "./events.ts";

export const ZShopChannelConfig = z.object({});
export const ZShopChannelSecrets = z.object({ secret: z.string().min(16) });

type Config = z.infer<typeof ZShopChannelConfig>;
type Secrets = z.infer<typeof ZShopChannelSecrets>;

/** The JSON body, or 400. */
export function readJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw badRequest("invalid_json", "The body is not valid JSON.");
  }
}

/**
 * The shop channel: any order system posts its orders, shipments and stock to
 * `/hooks/<channel-id>`, signed like the generic API channel (`X-Relais-Signature`). Records,
 * not messages: they go through the importer's upserts (`backoffice/recordStore.ts`), so the
 * same event twice changes nothing, and a shipment turning `delayed` tells its customer.
 */
export const shopProvider: ChannelProvider<Config, Secrets> & RecordReceiver<Config, Secrets> = {
  kind: "shop",
  identityKind: "email",
  configSchema: ZShopChannelConfig,
  secretsSchema: ZShopChannelSecrets,
  idempotentSend: true,
  generateSecrets: () => ({ secret: randomSecret() }),

  verify(channel, request) {
    verifySignature(
      channel.secrets.secret,
      headerValue(request, SIGNATURE_HEADER),
      request.rawBody,
    );
  },

  /** Nothing for the inbox: `receiveRecords` stores what the shop sends. */
  parse: () => [],

  async receiveRecords(services, channel, request) {
    const event = ZShopEvent.safeParse(readJson(request.rawBody));
    if (!event.success) {
      const issue = event.error.issues[0];
      throw badRequest(
        "invalid_payload",
        `Invalid ${issue?.path.join(".") || "body"}: ${issue?.message}`,
      );
    }
    const summary = await storeRecords(services, {
      accountId: channel.row.account_id,
      source: "shop",
      records: [toRecord(event.data)],
    });
    return {
      status: 200,
      body: {
        data: {
          type: event.data.type,
          orders: summary.orders,
          shipments: summary.shipments,
          products: summary.products,
          delayedShipments: summary.delayedShipmentIds.length,
          restockMoved: summary.restockMovedSkus.length,
        },
      },
    };
  },

  send: async () => NO_MESSAGES,
};
