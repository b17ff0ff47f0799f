import { type Kysely, sql } from "kysely";
import type { ActionLine, AgentAction, Order } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";

/*
 * What an agent action does to stock and money, in the caller's transaction. A replacement
 * waiting for approval holds its goods (reserved); once done it takes them from stock exactly
 * once. The caller holds the order's row lock, so refunds of one order never race.
 */

export interface StockShortage {
  sku: string;
  available: number;
  restockDate: string | null;
}

/** Locks the lines' products (in SKU order) and returns the first that lacks stock. */
export async function checkStock(
  trx: Kysely<DB>,
  accountId: string,
  lines: ActionLine[],
): Promise<StockShortage | null> {
  const skus = [...new Set(lines.map((line) => line.sku))].sort();
  const products = await trx
    .selectFrom("products")
    .select(["sku", "stock_on_hand", "stock_reserved", "restock_date"])
    .where("account_id", "=", accountId)
    .where("sku", "in", skus)
    .orderBy("sku")
    .forUpdate()
    .execute();
  for (const sku of skus) {
    const wanted = lines
      .filter((line) => line.sku === sku)
      .reduce((sum, line) => sum + line.quantity, 0);
    const product = products.find((row) => row.sku === sku);
    const available = product ? product.stock_on_hand - product.stock_reserved : 0;
    if (available < wanted) {
      return { sku, available: Math.max(0, available), restockDate: product?.restock_date ?? null };
    }
  }
  return null;
}

/** The goods' value at today's prices, in cents (null when a SKU is unknown). */
export async function goodsValue(
  trx: Kysely<DB>,
  accountId: string,
  lines: ActionLine[],
): Promise<number | null> {
  const skus = [...new Set(lines.map((line) => line.sku))];
  const prices = await trx
    .selectFrom("products")
    .select(["sku", "price_cents"])
    .where("account_id", "=", accountId)
    .where("sku", "in", skus)
    .execute();
  let total = 0;
  for (const line of lines) {
    const price = prices.find((row) => row.sku === line.sku);
    if (!price) return null;
    total += price.price_cents * line.quantity;
  }
  return total;
}

/** What is left to refund or credit on the order: its total minus what is done or pending. */
export async function refundable(trx: Kysely<DB>, order: Order): Promise<number> {
  const row = await trx
    .selectFrom("agent_actions")
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as("used"))
    .where("account_id", "=", order.account_id)
    .where("order_id", "=", order.id)
    .where("type", "in", ["refund", "credit"])
    .where("status", "in", ["done", "pending_approval"])
    .executeTakeFirstOrThrow();
  return order.total_cents - Number(row.used);
}

async function moveStock(
  trx: Kysely<DB>,
  accountId: string,
  lines: ActionLine[],
  change: { onHand: number; reserved: number },
) {
  for (const line of lines) {
    await trx
      .updateTable("products")
      .set((eb) => ({
        stock_on_hand: eb("stock_on_hand", "+", change.onHand * line.quantity),
        stock_reserved: eb("stock_reserved", "+", change.reserved * line.quantity),
        updated_at: new Date(),
      }))
      .where("account_id", "=", accountId)
      .where("sku", "=", line.sku)
      .execute();
  }
}

/** Holds a pending replacement's goods. */
export const reserveGoods = (trx: Kysely<DB>, action: AgentAction) =>
  action.type === "replacement"
    ? moveStock(trx, action.account_id, action.lines, { onHand: 0, reserved: 1 })
    : Promise.resolve();

/** Gives back what a rejected replacement held. */
export const releaseGoods = (trx: Kysely<DB>, action: AgentAction) =>
  action.type === "replacement"
    ? moveStock(trx, action.account_id, action.lines, { onHand: 0, reserved: -1 })
    : Promise.resolve();

/** Carries the action out: goods leave stock (from the reservation when held), money moves. */
export async function carryOut(trx: Kysely<DB>, action: AgentAction, fromReservation: boolean) {
  if (action.type === "replacement") {
    await moveStock(trx, action.account_id, action.lines, {
      onHand: -1,
      reserved: fromReservation ? -1 : 0,
    });
  }
  if (action.type === "refund") {
    await trx
      .updateTable("orders")
      .set((eb) => ({ refunded_cents: eb("refunded_cents", "+", action.amount_cents) }))
      .where("account_id", "=", action.account_id)
      .where("id", "=", action.order_id)
      .execute();
  }
}
