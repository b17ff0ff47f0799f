import type { Processor } from "../../jobs/processor.ts";
import type { ChannelProvider } from "../provider.ts";
import { NO_MESSAGES, type RecordReceiver } from "../records.ts";
import type { WebhookRegistrar } from "../webhookRegistration.ts";
import {
  type ShopifyConfig,
  type ShopifySecrets,
  ZShopifyConfig,
  ZShopifySecrets,
} from "./config.ts";
import { startShopifySync } from "./sync.ts";
import { receiveShopifyWebhook, verifyShopifyHmac } from "./webhook.ts";
import { registerShopifyWebhooks } from "./webhookSubscriptions.ts";

/**
 * The Shopify adapter, a channel kind of its own rather than an option of the `shop` channel:
 * it is verified differently (`X-Shopify-Hmac-Sha256` with the app's secret, not
 * `X-Relais-Signature`), needs credentials to call back (the Admin API token), and syncs and
 * pushes on its own; what it receives is stored through the same upserts as the shop channel.
 */
export const shopifyProvider: ChannelProvider<ShopifyConfig, ShopifySecrets> &
  RecordReceiver<ShopifyConfig, ShopifySecrets> &
  WebhookRegistrar<ShopifyConfig, ShopifySecrets> = {
  kind: "shopify",
  identityKind: "email",
  configSchema: ZShopifyConfig,
  secretsSchema: ZShopifySecrets,
  idempotentSend: true,
  cliOptions: [
    {
      flag: "--shop-url <url>",
      description: "the shop's admin address, https://<shop>.myshopify.com",
      into: "config",
      key: "shopUrl",
      required: true,
    },
    {
      flag: "--access-token <token>",
      description: "Admin API access token of the shop's custom app",
      into: "secrets",
      key: "accessToken",
      required: true,
    },
    {
      flag: "--api-secret <secret>",
      description: "the app's API secret key, which signs Shopify's webhooks",
      into: "secrets",
      key: "apiSecret",
      required: true,
    },
  ],

  verify(channel, request) {
    verifyShopifyHmac(channel.secrets.apiSecret, request);
  },

  /** Nothing for the inbox: `receiveRecords` stores what Shopify sends. */
  parse: () => [],

  receiveRecords: receiveShopifyWebhook,

  /** Also done by itself when the channel is added (registration.ts). */
  registerWebhook: (channel, options) => registerShopifyWebhooks(channel, options),

  send: async () => NO_MESSAGES,
};

/** A new Shopify channel brings the shop's customers, products, stock and orders in. */
export const shopifySyncProcessor: Processor = {
  name: "shopify-sync-start",
  events: ["channel.created"],
  async handle(services, event) {
    const channelId = event.payload.channelId;
    if (typeof channelId !== "string") return;
    const channel = await services.db
      .selectFrom("channels")
      .select(["id", "kind"])
      .where("account_id", "=", event.accountId)
      .where("id", "=", channelId)
      .executeTakeFirst();
    if (channel?.kind !== "shopify") return;
    await startShopifySync(services, services.db, { accountId: event.accountId, channelId });
  },
};
