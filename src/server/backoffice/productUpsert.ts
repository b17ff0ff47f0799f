import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvents } from "../events/outbox.ts";

/**
 * One product as every source gives it: the import (every field), the shop's `stock.update`
 * and Shopify's inventory levels (stock and restock date only, for a product already known).
 */
export interface IncomingProduct {
  sku: string;
  name?: string;
  priceCents?: number;
  currency?: string;
  /** Absent: left as it is. */
  stock?: number;
  supplier?: string | null;
  /** ISO `YYYY-MM-DD`; null clears it, absent leaves it. */
  restockDate?: string | null;
}

export type ProductOutcome = "created" | "updated" | "unchanged" | "restock_moved" | "unknown";

/**
 * Creates or updates one product by SKU, in the caller's transaction, with a `product.updated`
 * event when anything changed. A product that does not exist yet is created only when the name,
 * price and currency are given (`unknown` otherwise); a row that changes nothing touches nothing.
 */
export async function upsertProduct(
  trx: Kysely<DB>,
  accountId: string,
  product: IncomingProduct,
): Promise<ProductOutcome> {
  const current = await trx
    .selectFrom("products")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("sku", "=", product.sku)
    .forUpdate()
    .executeTakeFirst();
  const event = () =>
    recordEvents(trx, [{ accountId, name: "product.updated", payload: { sku: product.sku } }]);
  if (!current) {
    if (!product.name || product.priceCents === undefined || !product.currency) return "unknown";
    await trx
      .insertInto("products")
      .values({
        account_id: accountId,
        sku: product.sku,
        name: product.name,
        price_cents: product.priceCents,
        currency: product.currency,
        supplier: product.supplier ?? null,
        restock_date: product.restockDate ?? null,
        ...(product.stock !== undefined ? { stock_on_hand: product.stock } : {}),
      })
      .execute();
    await event();
    return "created";
  }
  const next = {
    name: product.name ?? current.name,
    price_cents: product.priceCents ?? current.price_cents,
    currency: product.currency ?? current.currency,
    supplier: product.supplier === undefined ? current.supplier : product.supplier,
    restock_date: product.restockDate === undefined ? current.restock_date : product.restockDate,
    stock_on_hand: product.stock ?? current.stock_on_hand,
  };
  const same = (Object.keys(next) as Array<keyof typeof next>).every(
    (key) => next[key] === current[key],
  );
  if (same) return "unchanged";
  await trx
    .updateTable("products")
    .set({ ...next, updated_at: new Date() })
    .where("account_id", "=", accountId)
    .where("id", "=", current.id)
    .execute();
  await event();
  const moved =
    next.restock_date !== null &&
    (current.restock_date === null || next.restock_date > current.restock_date);
  return moved ? "restock_moved" : "updated";
}
