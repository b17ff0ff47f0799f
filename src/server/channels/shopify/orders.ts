import { z } from "zod";
import type { IncomingOrder, IncomingShipment } from "../../backoffice/orderUpsert.ts";
import { toCents } from "../../backoffice/values.ts";
import { normaliseEmail, normalisePhone } from "../../commands/contactResolver.ts";
import type { ShipmentStatus } from "../../db/schema/backoffice.ts";

/*
 * Shopify's orders and fulfillments as Relais stores them. Webhooks carry the REST shapes
 * (snake_case, numeric ids), the GraphQL sync the GraphQL ones: both end as one IncomingOrder.
 */

/** Shopify's shipment statuses (REST `shipment_status`, GraphQL `FulfillmentEventStatus`). */
const STATUS: Record<string, ShipmentStatus> = {
  label_printed: "pending",
  label_purchased: "pending",
  confirmed: "pending",
  carrier_picked_up: "in_transit",
  in_transit: "in_transit",
  out_for_delivery: "in_transit",
  attempted_delivery: "in_transit",
  ready_for_pickup: "in_transit",
  delayed: "delayed",
  delivered: "delivered",
  picked_up: "delivered",
  failure: "lost",
};

/** A fulfillment's state: its latest shipment status; a fulfillment without one has left. */
export function shipmentStatus(
  status: string | null | undefined,
  fulfillment?: string | null,
): ShipmentStatus {
  const known = status ? STATUS[status.toLowerCase()] : undefined;
  if (known) return known;
  return fulfillment?.toLowerCase() === "success" ? "in_transit" : "pending";
}

/** The order number customers read: the order's name without its `#`. */
export const orderNumberOf = (name: string) => name.replace(/^#/, "").trim();

const isoDay = (value: string | null | undefined) =>
  value && !Number.isNaN(Date.parse(value))
    ? new Date(value).toISOString().slice(0, 10)
    : undefined;

function customerOf(email?: string | null, phone?: string | null, name?: string | null) {
  const normalEmail = normaliseEmail(email);
  const normalPhone = normalisePhone(phone);
  if (!normalEmail && !normalPhone) return null;
  return {
    ...(normalEmail ? { email: normalEmail } : {}),
    ...(normalPhone ? { phone: normalPhone } : {}),
    ...(name?.trim() ? { name: name.trim() } : {}),
  };
}

const fullName = (first?: string | null, last?: string | null) =>
  [first, last].filter(Boolean).join(" ") || null;

const ZRestFulfillment = z.object({
  id: z.union([z.number(), z.string()]),
  order_id: z.union([z.number(), z.string()]),
  status: z.string().nullish(),
  tracking_company: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_url: z.string().nullish(),
  shipment_status: z.string().nullish(),
  estimated_delivery_at: z.string().nullish(),
});
export type RestFulfillment = z.infer<typeof ZRestFulfillment>;
export { ZRestFulfillment };

export const ZRestOrder = z.object({
  id: z.union([z.number(), z.string()]),
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  currency: z.string(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  customer: z
    .object({
      email: z.string().nullish(),
      phone: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
    })
    .nullish(),
  line_items: z.array(
    z.object({
      sku: z.string().nullish(),
      variant_id: z.union([z.number(), z.string()]).nullish(),
      name: z.string().nullish(),
      title: z.string().nullish(),
      quantity: z.number().int(),
      price: z.string(),
    }),
  ),
  fulfillments: z.array(ZRestFulfillment).default([]),
});
export type RestOrder = z.infer<typeof ZRestOrder>;

/** A line's SKU, or one made from its variant when the shop gave it none. */
const skuOf = (sku: string | null | undefined, variant: string | number | null | undefined) =>
  sku?.trim() || (variant ? `shopify-${String(variant).split("/").pop()}` : "shopify-custom");

export function restShipment(fulfillment: RestFulfillment): IncomingShipment {
  const expected = isoDay(fulfillment.estimated_delivery_at);
  return {
    carrier: fulfillment.tracking_company ?? "",
    trackingNumber: fulfillment.tracking_number || `shopify-fulfillment-${fulfillment.id}`,
    status: shipmentStatus(fulfillment.shipment_status, fulfillment.status),
    ...(fulfillment.tracking_url ? { trackingUrl: fulfillment.tracking_url } : {}),
    ...(expected ? { expectedDelivery: expected } : {}),
  };
}

/** A webhook's order; null when nobody can be reached (no email, no phone). */
export function fromRestOrder(order: RestOrder): IncomingOrder | null {
  const customer = customerOf(
    order.email ?? order.customer?.email,
    order.phone ?? order.customer?.phone,
    fullName(order.customer?.first_name, order.customer?.last_name),
  );
  if (!customer) return null;
  return {
    number: orderNumberOf(order.name),
    placedAt: new Date(order.created_at),
    currency: order.currency.toUpperCase(),
    customer,
    lines: order.line_items.map((line) => ({
      sku: skuOf(line.sku, line.variant_id),
      name: line.name ?? line.title ?? skuOf(line.sku, line.variant_id),
      quantity: line.quantity,
      unitPriceCents: toCents(line.price) ?? 0,
    })),
    shipments: order.fulfillments
      .filter((fulfillment) => fulfillment.status?.toLowerCase() !== "cancelled")
      .map(restShipment),
  };
}

/** An order node of the GraphQL sync (see sync.ts for the query). */
export interface GraphqlOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt?: string | null;
  email: string | null;
  phone: string | null;
  currencyCode: string;
  customer: {
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string | null } | null;
    defaultPhoneNumber: { phoneNumber: string | null } | null;
  } | null;
  lineItems: {
    nodes: Array<{
      sku: string | null;
      name: string;
      quantity: number;
      variant: { id: string } | null;
      originalUnitPriceSet: { shopMoney: { amount: string } };
    }>;
  };
  fulfillments: Array<{
    id: string;
    status: string;
    estimatedDeliveryAt: string | null;
    trackingInfo: Array<{ company: string | null; number: string | null; url: string | null }>;
    events: { nodes: Array<{ status: string }> };
  }>;
}

export function fromGraphqlOrder(order: GraphqlOrder): IncomingOrder | null {
  const customer = customerOf(
    order.email ?? order.customer?.defaultEmailAddress?.emailAddress,
    order.phone ?? order.customer?.defaultPhoneNumber?.phoneNumber,
    fullName(order.customer?.firstName, order.customer?.lastName),
  );
  if (!customer) return null;
  return {
    number: orderNumberOf(order.name),
    placedAt: new Date(order.createdAt),
    currency: order.currencyCode.toUpperCase(),
    customer,
    lines: order.lineItems.nodes.map((line) => ({
      sku: skuOf(line.sku, line.variant?.id),
      name: line.name,
      quantity: line.quantity,
      unitPriceCents: toCents(line.originalUnitPriceSet.shopMoney.amount) ?? 0,
    })),
    shipments: order.fulfillments
      .filter((fulfillment) => fulfillment.status !== "CANCELLED")
      .map((fulfillment) => {
        const tracking = fulfillment.trackingInfo[0];
        const expected = isoDay(fulfillment.estimatedDeliveryAt);
        return {
          carrier: tracking?.company ?? "",
          trackingNumber:
            tracking?.number || `shopify-fulfillment-${fulfillment.id.split("/").pop()}`,
          status: shipmentStatus(fulfillment.events.nodes[0]?.status, fulfillment.status),
          ...(tracking?.url ? { trackingUrl: tracking.url } : {}),
          ...(expected ? { expectedDelivery: expected } : {}),
        };
      }),
  };
}
