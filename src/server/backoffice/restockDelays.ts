import { delayAnnouncer } from "../commands/delayAnnouncer.ts";
import type { Services } from "../services.ts";

/**
 * Products whose restock date has just moved later (an import, the shop's `stock.update`) tell
 * the customers whose orders can no longer arrive on time: every order not yet delivered with a
 * line of the product and a shipment still waiting to leave (`pending` or `delayed`) expected
 * before the new restock date. They hear the restock date as the new expected delivery, with the
 * restock as the reason, through the same announcer as any delay — on the channel they last used,
 * in their language, once: the key names the SKU and the date, so the same news imported again
 * tells nobody, and a later move tells them the newer date.
 */
export async function announceRestockDelays(
  services: Services,
  accountId: string,
  skus: readonly string[],
): Promise<number> {
  if (skus.length === 0) return 0;
  const products = await services.db
    .selectFrom("products")
    .select(["sku", "restock_date"])
    .where("account_id", "=", accountId)
    .where("sku", "in", [...new Set(skus)])
    .where("restock_date", "is not", null)
    .execute();
  let notified = 0;
  for (const product of products) {
    const restockDate = product.restock_date as string;
    const late = await services.db
      .selectFrom("orders as o")
      .select("o.number")
      .distinct()
      .innerJoin("order_lines as l", (join) =>
        join.onRef("l.account_id", "=", "o.account_id").onRef("l.order_id", "=", "o.id"),
      )
      .innerJoin("shipments as s", (join) =>
        join.onRef("s.account_id", "=", "o.account_id").onRef("s.order_id", "=", "o.id"),
      )
      .where("o.account_id", "=", accountId)
      .where("o.status", "!=", "delivered")
      .where("l.sku", "=", product.sku)
      .where("s.status", "in", ["pending", "delayed"])
      .where("s.expected_delivery", "<", restockDate)
      .orderBy("o.number")
      .execute();
    if (late.length === 0) continue;
    const delay = await delayAnnouncer(services, {
      accountId,
      actorUserId: null,
      criteria: { sku: product.sku, orderNumbers: late.map((row) => row.number) },
      newExpectedDelivery: restockDate,
      reason: `restock of ${product.sku} on ${restockDate}`,
      reasonCode: "restock",
      idempotencyKey: `restock-moved:${product.sku}:${restockDate}`,
    });
    notified += delay.notified;
  }
  return notified;
}
