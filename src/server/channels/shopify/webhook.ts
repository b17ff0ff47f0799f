import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ShopRecord } from "../../backoffice/recordStore.ts";
import { applyRecords, enqueueDelayAnnouncements } from "../../backoffice/recordStore.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, unauthorized } from "../../errors.ts";
import type { Services } from "../../services.ts";
import { type HookResponse, headerValue, type InboundRequest } from "../provider.ts";
import { readJson } from "../shop/provider.ts";
import { type ShopifyChannel, shopifyGid } from "./config.ts";
import { availableAt, findLink, type LinkInput, saveLinks } from "./links.ts";
import { fromRestOrder, restShipment, ZRestFulfillment, ZRestOrder } from "./orders.ts";

export const HMAC_HEADER = "x-shopify-hmac-sha256";
export const TOPIC_HEADER = "x-shopify-topic";

/** Base64 HMAC-SHA256 of the raw body with the app's secret, as Shopify signs its webhooks. */
export function shopifyHmac(secret: string, rawBody: Buffer | string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

export function verifyShopifyHmac(secret: string, request: InboundRequest): void {
  const given = headerValue(request, HMAC_HEADER);
  if (!given) throw unauthorized("Missing X-Shopify-Hmac-Sha256 header.");
  const expected = Buffer.from(shopifyHmac(secret, request.rawBody));
  const received = Buffer.from(given.trim());
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw unauthorized("Bad X-Shopify-Hmac-Sha256 signature.");
  }
}

const ZInventoryLevel = z.object({
  inventory_item_id: z.union([z.number(), z.string()]),
  location_id: z.union([z.number(), z.string()]),
  available: z.number().int().nullable(),
});

interface Plan {
  records: ShopRecord[];
  links: LinkInput[];
  /** An order's `updated_at`: an older version arriving late is left (webhooks may cross). */
  orderVersion?: { externalId: string; updatedAt: string };
  /** Why nothing is stored (an order nobody can be reached for, an unknown item). */
  ignored?: string;
}

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badRequest(
    "invalid_payload",
    `Invalid ${issue?.path.join(".") || "body"}: ${issue?.message}`,
  );
}

function orderPlan(body: unknown): Plan {
  const order = parsed(ZRestOrder, body);
  const incoming = fromRestOrder(order);
  if (!incoming) return { records: [], links: [], ignored: "the order has no email or phone" };
  const externalId = order.admin_graphql_api_id ?? shopifyGid("Order", order.id);
  const updatedAt = order.updated_at ?? order.created_at;
  return {
    records: [{ type: "order.upsert", order: incoming }],
    links: [{ resource: "order", externalId, localKey: incoming.number, data: { updatedAt } }],
    orderVersion: { externalId, updatedAt },
  };
}

async function fulfillmentPlan(services: Services, channel: ShopifyChannel, body: unknown) {
  const fulfillment = parsed(ZRestFulfillment, body);
  const scope = { accountId: channel.row.account_id, channelId: channel.row.id };
  const order = await findLink(
    services.db,
    scope,
    "order",
    shopifyGid("Order", fulfillment.order_id),
  );
  if (!order) return { records: [], links: [], ignored: "unknown order" } satisfies Plan;
  return {
    records: [
      {
        type: "shipment.update",
        orderNumber: order.local_key,
        shipment: restShipment(fulfillment),
      },
    ],
    links: [],
  } satisfies Plan;
}

/** Whether Relais already holds a later version of the order than this webhook's. */
async function isStale(
  trx: Kysely<DB>,
  scope: { accountId: string; channelId: string },
  version: NonNullable<Plan["orderVersion"]>,
): Promise<boolean> {
  const known = await findLink(trx, scope, "order", version.externalId);
  const knownAt = Date.parse(String(known?.data.updatedAt ?? ""));
  return Number.isFinite(knownAt) && knownAt > Date.parse(version.updatedAt);
}

/**
 * Shopify's webhooks: orders/create and orders/updated (the order whole), fulfillments/create
 * and fulfillments/update (one shipment), inventory_levels/update (one item at one location;
 * the product's stock is every location's together). Stored through the importer's upserts;
 * an order or item Relais does not know is acknowledged and left (Shopify would otherwise retry
 * and then drop the subscription); other topics are acknowledged.
 */
export async function receiveShopifyWebhook(
  services: Services,
  channel: ShopifyChannel,
  request: InboundRequest,
): Promise<HookResponse> {
  const topic = headerValue(request, TOPIC_HEADER) ?? "";
  const body = readJson(request.rawBody);
  const scope = { accountId: channel.row.account_id, channelId: channel.row.id };
  const plan: Plan =
    topic === "orders/create" || topic === "orders/updated"
      ? orderPlan(body)
      : topic === "fulfillments/create" || topic === "fulfillments/update"
        ? await fulfillmentPlan(services, channel, body)
        : topic === "inventory_levels/update"
          ? { records: [], links: [] }
          : { records: [], links: [], ignored: `topic ${topic || "(none)"} is not used` };
  const level = topic === "inventory_levels/update" ? parsed(ZInventoryLevel, body) : null;
  const outcome = await services.db.transaction().execute(async (trx) => {
    if (level) {
      const item = shopifyGid("InventoryItem", level.inventory_item_id);
      const sku = await findLink(trx, scope, "inventory_item", item);
      if (!sku) return { ignored: "unknown inventory item" };
      await saveLinks(trx, scope, [
        {
          resource: "inventory_level",
          externalId: `${item}|${shopifyGid("Location", level.location_id)}`,
          localKey: sku.local_key,
          data: { available: level.available ?? 0 },
        },
      ]);
      const stock = await availableAt(trx, scope, sku.local_key);
      plan.records.push({ type: "stock.update", product: { sku: sku.local_key, stock } });
    }
    if (plan.ignored) return { ignored: plan.ignored };
    if (plan.orderVersion && (await isStale(trx, scope, plan.orderVersion))) {
      return { ignored: "an older version of the order" };
    }
    await saveLinks(trx, scope, plan.links);
    const summary = await applyRecords(trx, scope.accountId, "shopify", plan.records);
    await enqueueDelayAnnouncements(services, trx, scope.accountId, summary);
    return { summary };
  });
  return { status: 200, body: { data: { topic, ...outcome } } };
}
