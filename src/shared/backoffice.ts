import { z } from "zod";

/** What the back office answers: products, orders, shipments, agent actions, delays. */
const ZDateTime = z.string().describe("ISO 8601 date-time");
const ZDate = z.string().describe("ISO 8601 date (YYYY-MM-DD)");

export const SHIPMENT_STATUS_VALUES = [
  "pending",
  "in_transit",
  "delayed",
  "delivered",
  "lost",
  "returned",
] as const;
export const ACTION_TYPE_VALUES = ["replacement", "return", "refund", "credit"] as const;
export type TActionType = (typeof ACTION_TYPE_VALUES)[number];

export const ZProduct = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  price: z.number(),
  currency: z.string(),
  stockOnHand: z.number().int(),
  stockReserved: z.number().int(),
  stockAvailable: z.number().int(),
  supplier: z.string().nullable(),
  restockDate: ZDate.nullable(),
});
export type TProduct = z.infer<typeof ZProduct>;

export const ZShipment = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string().nullable(),
  status: z.enum(SHIPMENT_STATUS_VALUES),
  expectedDelivery: ZDate.nullable(),
  history: z.array(
    z.object({
      status: z.enum(SHIPMENT_STATUS_VALUES),
      expectedDelivery: ZDate.nullable(),
      note: z.string().nullable(),
      at: ZDateTime,
    }),
  ),
});
export type TShipment = z.infer<typeof ZShipment>;

export const ZOrderLine = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number(),
  /** The product's stock now, when the account has the product. */
  stock: z
    .object({
      available: z.number().int(),
      onHand: z.number().int(),
      restockDate: ZDate.nullable(),
    })
    .nullable(),
});

export const ZAgentAction = z.object({
  id: z.string(),
  type: z.enum(ACTION_TYPE_VALUES),
  status: z.enum(["done", "pending_approval", "refused", "rejected"]),
  orderId: z.string(),
  conversationId: z.string().nullable(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  amount: z.number(),
  currency: z.string(),
  reason: z.string().describe("Why the agent acted, or why it was refused"),
  outcome: z.string().nullable(),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  createdAt: ZDateTime,
  shop: z
    .object({
      system: z.literal("shopify"),
      status: z.enum(["pending", "sending", "done", "failed"]),
      externalId: z.string().nullable().describe("The refund's or draft order's id in the shop"),
      error: z.string().nullable().describe("Why the shop refused it"),
    })
    .nullish()
    .describe("The action sent back to the shop the order came from (Shopify), if it was"),
});
export type TAgentAction = z.infer<typeof ZAgentAction>;

export const ZOrderSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  placedAt: ZDateTime,
  currency: z.string(),
  total: z.number(),
  refunded: z.number(),
  source: z.string(),
  contact: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
});
export type TOrderSummary = z.infer<typeof ZOrderSummary>;

export const ZOrder = ZOrderSummary.extend({
  lines: z.array(ZOrderLine),
  shipments: z.array(ZShipment),
  actions: z.array(ZAgentAction),
});
export type TOrder = z.infer<typeof ZOrder>;

/** An order beside a conversation: the contact's recent ones and those the customer named. */
export const ZConversationOrder = ZOrder.extend({
  mentioned: z.boolean(),
  /** Named in the conversation but placed by another customer: the agent is warned. */
  otherCustomer: z.boolean(),
});
export type TConversationOrder = z.infer<typeof ZConversationOrder>;

export const ZActionRequest = z.object({
  type: z.enum(ACTION_TYPE_VALUES),
  orderId: z.string().uuid(),
  lines: z
    .array(z.object({ sku: z.string().trim().min(1), quantity: z.number().int().min(1).max(1000) }))
    .max(100)
    .default([]),
  amount: z.number().min(0).max(10_000_000).optional().describe("Refund or credit, in units"),
  currency: z.string().trim().toUpperCase().length(3).optional(),
  reason: z.string().trim().min(1).max(1000),
  idempotencyKey: z.string().trim().min(1).max(200),
});
export type TActionRequest = z.infer<typeof ZActionRequest>;

const ZLimitPair = z.object({
  perAction: z.number().min(0).nullable(),
  perDay: z.number().min(0).nullable(),
});
const ZRoleLimits = z
  .object({
    refund: ZLimitPair,
    credit: ZLimitPair,
    replacement: ZLimitPair,
    return: ZLimitPair,
  })
  .partial();
export const ZAuthorityLimits = z.object({ agent: ZRoleLimits, supervisor: ZRoleLimits }).partial();
export type TAuthorityLimits = z.infer<typeof ZAuthorityLimits>;

/** The signed-in user's limits and what is left of them today (null: unlimited). */
export const ZMyLimits = z.record(
  z.enum(ACTION_TYPE_VALUES),
  z.object({
    perAction: z.number().nullable(),
    perDay: z.number().nullable(),
    usedToday: z.number(),
    leftToday: z.number().nullable(),
  }),
);
export type TMyLimits = z.infer<typeof ZMyLimits>;

export const ZApproval = z.object({
  id: z.string(),
  actionId: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  type: z.enum(ACTION_TYPE_VALUES),
  amount: z.number(),
  currency: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  reason: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  conversationId: z.string().nullable(),
  orderId: z.string(),
  orderNumber: z.string(),
  createdAt: ZDateTime,
});
export type TApproval = z.infer<typeof ZApproval>;

const ZDelayFields = z.object({
  sku: z.string().trim().min(1).optional(),
  orderNumbers: z.array(z.string().trim().min(1)).min(1).max(10_000).optional(),
  carrier: z.string().trim().min(1).optional(),
  newExpectedDelivery: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .refine((value) => !Number.isNaN(Date.parse(value)), "a real date"),
  reason: z.string().trim().min(1).max(500),
  idempotencyKey: z.string().trim().min(1).max(200),
});
const namesTarget = {
  check: (delay: { sku?: string; orderNumbers?: string[]; carrier?: string }) =>
    Boolean(delay.sku || delay.orderNumbers || delay.carrier),
  message: { message: "name a sku, orderNumbers or a carrier", path: ["sku"] },
};
export const ZDelayRequest = ZDelayFields.refine(namesTarget.check, namesTarget.message);
export type TDelayRequest = z.infer<typeof ZDelayRequest>;

export const ZDelay = z.object({
  id: z.string(),
  affectedOrders: z.number().int(),
  notified: z.number().int(),
  skipped: z.array(z.object({ orderNumber: z.string(), reason: z.string() })),
});
export type TDelay = z.infer<typeof ZDelay>;

/** A delay to preview: the request without its key, since nothing is stored. */
export const ZDelayPreviewRequest = ZDelayFields.omit({ idempotencyKey: true }).refine(
  namesTarget.check,
  namesTarget.message,
);
export type TDelayPreviewRequest = z.infer<typeof ZDelayPreviewRequest>;

/** Who a delay would tell, on which channel, in which language and with what words. */
export const ZDelayPreview = z.object({
  affectedOrders: z.number().int(),
  recipients: z.array(
    z.object({
      contact: z.object({
        id: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
      }),
      conversationId: z.string(),
      channel: z.object({ id: z.string(), kind: z.string(), name: z.string() }),
      language: z.enum(["fr", "en"]),
      orderNumbers: z.array(z.string()),
      text: z.string(),
    }),
  ),
  skipped: z.array(z.object({ orderNumber: z.string(), reason: z.string() })),
  /** The notice in each language, as a customer with the first affected orders would read it. */
  messages: z.object({ fr: z.string(), en: z.string() }),
});
export type TDelayPreview = z.infer<typeof ZDelayPreview>;

/**
 * Channels that carry a shop's orders, shipments and stock rather than customers' messages: the
 * signed `shop` webhook and the Shopify adapter. Kept apart from CHANNEL_KINDS, which lists the
 * channels customers write on (the inbox, the web app's channel forms and icons).
 */
export const STORE_CHANNEL_KINDS = ["shop", "shopify"] as const;
export type StoreChannelKind = (typeof STORE_CHANNEL_KINDS)[number];

/** Why Relais refused or rejected an action, as data the web app words in the reader's language. */
export type TActionRefusal =
  | { kind: "exceeds_left"; left: number | null; currency: string }
  | { kind: "out_of_stock"; sku: string; available: number; restockDate: string | null };

/**
 * What an agent action's system entry in the conversation carries (`metadata`, with
 * `system: "agent_action"`): the web app shows it in French or English; `text` stays the
 * English fallback for older entries and exports.
 */
export interface TActionEntryMeta {
  system: "agent_action";
  actionId: string;
  type: TActionType;
  status: TAgentAction["status"];
  lines: Array<{ sku: string; quantity: number }>;
  amount: number;
  currency: string;
  reason: string;
  refusal: TActionRefusal | null;
  /** The supervisor's words when they decided. */
  decisionReason: string | null;
}

/** The entry saying what the shop (Shopify) did with an action (`system: "shop_push"`). */
export interface TShopPushMeta {
  system: "shop_push";
  actionId: string;
  shop: "shopify";
  what: "refund" | "replacement";
  result: "created" | "failed";
  amount: number;
  currency: string;
  externalId: string | null;
  error: string | null;
}

/** Working days for a refund to reach the customer's bank, and a replacement their door. */
export const ZArrivalEstimates = z.object({
  refund: z
    .object({ minDays: z.number().int().min(0).max(60), maxDays: z.number().int().min(0).max(90) })
    .refine((refund) => refund.minDays <= refund.maxDays, {
      message: "minDays must not exceed maxDays",
      path: ["maxDays"],
    }),
  replacement: z.object({ days: z.number().int().min(0).max(60) }),
});
export type TArrivalEstimates = z.infer<typeof ZArrivalEstimates>;

export const DEFAULT_ARRIVAL_ESTIMATES: TArrivalEstimates = {
  refund: { minDays: 5, maxDays: 10 },
  replacement: { days: 3 },
};
