import { fromCents } from "../../backoffice/values.ts";
import type { AgentAction } from "../../db/schema/backoffice.ts";
import type { Services } from "../../services.ts";
import type { ShopifyChannel } from "./config.ts";
import { ShopifyError, shopifyGraphql, shopifyHttp, userErrorsOf } from "./graphql.ts";
import { linksFor } from "./links.ts";
import {
  DRAFT_ORDER_CREATE_MUTATION,
  DRAFT_ORDERS_BY_TAG_QUERY,
  ORDER_TRANSACTIONS_QUERY,
  refundCreateMutation,
} from "./queries.ts";

export interface PushContext {
  services: Services;
  channel: ShopifyChannel;
  action: AgentAction;
  /** 1 for the first attempt. */
  attempt: number;
}

type UserErrors = Array<{ field: string[] | null; message: string }>;

const scopeOf = ({ channel }: PushContext) => ({
  accountId: channel.row.account_id,
  channelId: channel.row.id,
});

async function orderOf(context: PushContext) {
  const order = await context.services.db
    .selectFrom("orders as o")
    .innerJoin("contacts as c", (join) =>
      join.onRef("c.account_id", "=", "o.account_id").onRef("c.id", "=", "o.contact_id"),
    )
    .select(["o.number", "c.email"])
    .where("o.account_id", "=", context.action.account_id)
    .where("o.id", "=", context.action.order_id)
    .executeTakeFirstOrThrow();
  const links = await context.services.db
    .selectFrom("shop_links")
    .select("external_id")
    .where("account_id", "=", context.action.account_id)
    .where("channel_id", "=", context.channel.row.id)
    .where("resource", "=", "order")
    .where("local_key", "=", order.number)
    .executeTakeFirst();
  if (!links) throw new ShopifyError(`Order ${order.number} is not a Shopify order.`, "refused");
  return { ...order, gid: links.external_id };
}

const call = <T>(context: PushContext, query: string, variables: Record<string, unknown>) =>
  shopifyGraphql<T>(context.channel, query, variables, shopifyHttp(context.services.env));

/**
 * The refund, through the payment the customer made (the order's successful sale or capture),
 * with the action's id as the `@idempotent` key: a retry after a lost answer refunds nothing
 * more, Shopify answers with the first refund. Returns the refund's id.
 */
export async function createShopifyRefund(context: PushContext): Promise<string> {
  const { action } = context;
  const order = await orderOf(context);
  const basis = await call<{
    order: { transactions: Array<{ id: string; kind: string; status: string; gateway: string }> };
  }>(context, ORDER_TRANSACTIONS_QUERY, { id: order.gid });
  const paid = basis.order.transactions.find(
    (transaction) =>
      transaction.status === "SUCCESS" &&
      (transaction.kind === "SALE" || transaction.kind === "CAPTURE"),
  );
  if (!paid) {
    throw new ShopifyError("the Shopify order has no captured payment to refund.", "refused");
  }
  const result = await call<{
    refundCreate: { refund: { id: string } | null; userErrors: UserErrors };
  }>(context, refundCreateMutation(action.id), {
    input: {
      orderId: order.gid,
      note: `Relais: ${action.reason}`,
      notify: true,
      transactions: [
        {
          orderId: order.gid,
          parentId: paid.id,
          gateway: paid.gateway,
          kind: "REFUND",
          amount: fromCents(action.amount_cents).toFixed(2),
        },
      ],
    },
  });
  const refused = userErrorsOf(result.refundCreate.userErrors);
  if (refused || !result.refundCreate.refund) {
    throw new ShopifyError(refused ?? "Shopify created no refund.", "refused");
  }
  return result.refundCreate.refund.id;
}

/**
 * The replacement as a draft order for the same customer, free (a 100 % discount), tagged with
 * the action's id; a retry first looks for a draft with that tag, so none is created twice.
 * Returns the draft order's id.
 */
export async function createReplacementDraft(context: PushContext): Promise<string> {
  const { action } = context;
  const tag = `relais-action-${action.id}`;
  if (context.attempt > 1) {
    const found = await call<{ draftOrders: { nodes: Array<{ id: string }> } }>(
      context,
      DRAFT_ORDERS_BY_TAG_QUERY,
      { query: `tag:'${tag}'` },
    );
    const existing = found.draftOrders.nodes[0];
    if (existing) return existing.id;
  }
  const order = await orderOf(context);
  const variants = await linksFor(
    context.services.db,
    scopeOf(context),
    "variant",
    action.lines.map((line) => line.sku),
  );
  const products = await context.services.db
    .selectFrom("products")
    .select(["sku", "name", "price_cents"])
    .where("account_id", "=", action.account_id)
    .where(
      "sku",
      "in",
      action.lines.map((line) => line.sku),
    )
    .execute();
  const lineItems = action.lines.map((line) => {
    const variant = variants.find((row) => row.local_key === line.sku);
    if (variant) return { variantId: variant.external_id, quantity: line.quantity };
    const product = products.find((row) => row.sku === line.sku);
    return {
      title: product?.name ?? line.sku,
      sku: line.sku,
      quantity: line.quantity,
      originalUnitPriceWithCurrency: {
        amount: fromCents(product?.price_cents ?? 0).toFixed(2),
        currencyCode: action.currency,
      },
    };
  });
  const result = await call<{
    draftOrderCreate: { draftOrder: { id: string } | null; userErrors: UserErrors };
  }>(context, DRAFT_ORDER_CREATE_MUTATION, {
    input: {
      ...(order.email ? { email: order.email } : {}),
      note: `Replacement for order ${order.number} (Relais): ${action.reason}`,
      tags: ["relais", tag],
      lineItems,
      appliedDiscount: { valueType: "PERCENTAGE", value: 100, title: "Replacement" },
    },
  });
  const refused = userErrorsOf(result.draftOrderCreate.userErrors);
  if (refused || !result.draftOrderCreate.draftOrder) {
    throw new ShopifyError(refused ?? "Shopify created no draft order.", "refused");
  }
  return result.draftOrderCreate.draftOrder.id;
}
