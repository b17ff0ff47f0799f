import { z } from "zod";
import type { ResolvedChannel } from "../provider.ts";

/**
 * The GraphQL Admin API version Relais speaks, pinned: Shopify supports each stable version for
 * a year at least, and 2026-04 is the first where `refundCreate` requires the `@idempotent`
 * directive that makes a retried refund safe.
 */
export const SHOPIFY_API_VERSION = "2026-04";

export const ZShopifyConfig = z.object({
  /** The shop's admin address, `https://<shop>.myshopify.com`. */
  shopUrl: z
    .string()
    .url()
    .transform((value) => value.replace(/\/+$/, "")),
});

export const ZShopifySecrets = z.object({
  /** The Admin API access token of the shop's custom app (`X-Shopify-Access-Token`). */
  accessToken: z.string().min(1),
  /** The app's API secret key: Shopify signs its webhooks with it. */
  apiSecret: z.string().min(1),
});

export type ShopifyConfig = z.infer<typeof ZShopifyConfig>;
export type ShopifySecrets = z.infer<typeof ZShopifySecrets>;
export type ShopifyChannel = ResolvedChannel<ShopifyConfig, ShopifySecrets>;

export const shopifyGid = (type: string, id: string | number) => `gid://shopify/${type}/${id}`;
