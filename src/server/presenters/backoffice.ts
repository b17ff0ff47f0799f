import type {
  TAgentAction,
  TApproval,
  TDelay,
  TDelayPreview,
  TMyLimits,
  TOrder,
  TOrderSummary,
  TProduct,
} from "../../shared/backoffice.ts";
import type { LimitCheck } from "../backoffice/authority.ts";
import { type DelayPlan, type DelayPlanProps, delayNoticeText } from "../backoffice/delayPlan.ts";
import { fromCents } from "../backoffice/values.ts";
import type { ActionType, AgentAction, Delay, Product } from "../db/schema/backoffice.ts";
import type { ApprovalRow } from "../models/approvals.ts";
import type { ActionPushColumns, OrderDetailRow, OrderRow } from "../models/orders.ts";
import { iso } from "./dates.ts";

export const stockAvailable = (product: Product) =>
  Math.max(0, product.stock_on_hand - product.stock_reserved);

export function presentProduct(product: Product): TProduct {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    price: fromCents(product.price_cents),
    currency: product.currency,
    stockOnHand: product.stock_on_hand,
    stockReserved: product.stock_reserved,
    stockAvailable: stockAvailable(product),
    supplier: product.supplier,
    restockDate: product.restock_date,
  };
}

export function presentOrderSummary(order: OrderRow): TOrderSummary {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    placedAt: iso(order.placed_at),
    currency: order.currency,
    total: fromCents(order.total_cents),
    refunded: fromCents(order.refunded_cents),
    source: order.source,
    contact: { id: order.contact_id, name: order.contact_name, email: order.contact_email },
  };
}

export function presentAction(action: AgentAction & Partial<ActionPushColumns>): TAgentAction {
  return {
    id: action.id,
    type: action.type,
    status: action.status,
    orderId: action.order_id,
    conversationId: action.conversation_id,
    lines: action.lines,
    amount: fromCents(action.amount_cents),
    currency: action.currency,
    reason: action.status === "refused" ? (action.outcome ?? action.reason) : action.reason,
    outcome: action.outcome,
    requestedBy: action.requested_by,
    decidedBy: action.decided_by,
    createdAt: iso(action.created_at),
    shop: action.push_status
      ? {
          system: "shopify",
          status: action.push_status,
          externalId: action.push_external_id ?? null,
          error: action.push_error ?? null,
        }
      : null,
  };
}

export function presentOrder(order: OrderDetailRow): TOrder {
  return {
    ...presentOrderSummary(order),
    lines: order.lines.map((line) => {
      const product = order.products.get(line.sku);
      return {
        sku: line.sku,
        name: line.product_name,
        quantity: line.quantity,
        unitPrice: fromCents(line.unit_price_cents),
        stock: product
          ? {
              available: stockAvailable(product),
              onHand: product.stock_on_hand,
              restockDate: product.restock_date,
            }
          : null,
      };
    }),
    shipments: order.shipments.map((shipment) => ({
      id: shipment.id,
      carrier: shipment.carrier,
      trackingNumber: shipment.tracking_number,
      trackingUrl: shipment.tracking_url,
      status: shipment.status,
      expectedDelivery: shipment.expected_delivery,
      history: shipment.history.map((event) => ({
        status: event.status,
        expectedDelivery: event.expected_delivery,
        note: event.note,
        at: iso(event.occurred_at),
      })),
    })),
    actions: order.actions.map(presentAction),
  };
}

export function presentApproval(row: ApprovalRow): TApproval {
  return {
    id: row.id,
    actionId: row.action_id,
    status: row.status,
    type: row.type,
    amount: fromCents(row.amount_cents),
    currency: row.currency,
    lines: row.lines,
    reason: row.reason,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    conversationId: row.conversation_id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    createdAt: iso(row.created_at),
  };
}

export function presentDelay(delay: Delay): TDelay {
  return {
    id: delay.id,
    affectedOrders: delay.affected_orders,
    notified: delay.notified,
    skipped: delay.skipped,
  };
}

/** A delay's plan, as the preview shows it; the sample uses the first affected orders. */
export function presentDelayPreview(
  plan: DelayPlan,
  props: Pick<DelayPlanProps, "newExpectedDelivery" | "reason">,
): TDelayPreview {
  const sample =
    plan.notices[0]?.orderNumbers ?? plan.orders.slice(0, 1).map((order) => order.number);
  return {
    affectedOrders: plan.orders.length,
    recipients: plan.notices,
    skipped: plan.skipped,
    messages: {
      fr: delayNoticeText("fr", sample, props),
      en: delayNoticeText("en", sample, props),
    },
  };
}

/** The user's limits and what is left of them today, in units of the account's currency. */
export function presentMyLimits(checks: Array<[ActionType, LimitCheck]>): TMyLimits {
  const units = (cents: number | null) => (cents === null ? null : cents / 100);
  const mine: Partial<TMyLimits> = {};
  for (const [type, limit] of checks) {
    mine[type] = {
      perAction: units(limit.perAction),
      perDay: units(limit.perDay),
      usedToday: limit.usedToday / 100,
      leftToday: limit.perDay === null ? null : Math.max(0, limit.perDay - limit.usedToday) / 100,
    };
  }
  return mine as TMyLimits;
}
