import { z } from "zod";
import { ZInstant } from "../../../shared/instant.ts";
import type { ShopRecord } from "../../backoffice/recordStore.ts";
import {
  optional,
  ZCount,
  ZCurrency,
  ZIsoDate,
  ZMoney,
  ZShipmentStatus,
} from "../../backoffice/values.ts";
import { normaliseEmail, normalisePhone } from "../../commands/contactResolver.ts";

const ZText = (max: number) => z.string().trim().min(1).max(max);

const ZShipment = z.object({
  carrier: z.string().trim().max(100).default(""),
  trackingNumber: ZText(200),
  trackingUrl: optional(z.string().url().max(2000)),
  status: ZShipmentStatus,
  expectedDelivery: optional(ZIsoDate),
});

const ZCustomer = z
  .object({
    email: optional(z.string().trim().max(320)),
    phone: optional(z.string().trim().max(40)),
    name: optional(z.string().trim().max(200)),
  })
  .transform((customer, context) => {
    const email = normaliseEmail(customer.email);
    const phone = normalisePhone(customer.phone);
    if (customer.email && !email) {
      context.addIssue({ code: "custom", path: ["email"], message: "not an email" });
    }
    if (customer.phone && !phone) {
      context.addIssue({ code: "custom", path: ["phone"], message: "not a phone number" });
    }
    if (!email && !phone) {
      context.addIssue({ code: "custom", path: ["email"], message: "an email or a phone" });
    }
    return {
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(customer.name ? { name: customer.name } : {}),
    };
  });

/** The shop channel's three events, as the issue spells them. */
export const ZShopEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("order.upsert"),
    order: z.object({
      number: ZText(100),
      placedAt: z.union([ZInstant, ZIsoDate]),
      currency: ZCurrency,
      customer: ZCustomer,
      lines: z
        .array(
          z.object({
            sku: ZText(100),
            name: ZText(500),
            quantity: z.number().int().min(1).max(1_000_000),
            unitPrice: ZMoney,
          }),
        )
        .min(1)
        .max(1000),
      shipments: z.array(ZShipment).max(100).default([]),
    }),
  }),
  z.object({
    type: z.literal("shipment.update"),
    orderNumber: ZText(100),
    trackingNumber: ZText(200),
    carrier: optional(z.string().trim().max(100)),
    status: ZShipmentStatus,
    expectedDelivery: optional(ZIsoDate),
  }),
  z.object({
    type: z.literal("stock.update"),
    sku: ZText(100),
    stock: ZCount,
    restockDate: z.preprocess((value) => (value === "" ? null : value), ZIsoDate.nullish()),
  }),
]);
export type TShopEvent = z.infer<typeof ZShopEvent>;

/** The record the back office stores for an event. */
export function toRecord(event: TShopEvent): ShopRecord {
  if (event.type === "order.upsert") {
    const { order } = event;
    return {
      type: "order.upsert",
      order: {
        number: order.number,
        placedAt: new Date(order.placedAt),
        currency: order.currency,
        customer: order.customer,
        lines: order.lines.map((line) => ({
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPriceCents: line.unitPrice,
        })),
        shipments: order.shipments.map((shipment) => ({
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          status: shipment.status,
          ...(shipment.trackingUrl ? { trackingUrl: shipment.trackingUrl } : {}),
          ...(shipment.expectedDelivery ? { expectedDelivery: shipment.expectedDelivery } : {}),
        })),
      },
    };
  }
  if (event.type === "shipment.update") {
    return {
      type: "shipment.update",
      orderNumber: event.orderNumber,
      shipment: {
        trackingNumber: event.trackingNumber,
        status: event.status,
        ...(event.carrier ? { carrier: event.carrier } : {}),
        ...(event.expectedDelivery ? { expectedDelivery: event.expectedDelivery } : {}),
      },
    };
  }
  return {
    type: "stock.update",
    product: {
      sku: event.sku,
      stock: event.stock,
      ...(event.restockDate !== undefined ? { restockDate: event.restockDate } : {}),
    },
  };
}
