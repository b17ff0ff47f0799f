import { delayAnnouncer } from "../commands/delayAnnouncer.ts";
import type { Services } from "../services.ts";

/**
 * Shipments that have just turned `delayed` (an import, the shop) tell their customers at once,
 * with the shipment's new expected date; the key names the shipment and the date, so the same
 * delay is announced once however often it is imported.
 */
export async function announceShipmentDelays(
  services: Services,
  accountId: string,
  shipmentIds: readonly string[],
): Promise<number> {
  if (shipmentIds.length === 0) return 0;
  const rows = await services.db
    .selectFrom("shipments as s")
    .innerJoin("orders as o", (join) =>
      join.onRef("o.account_id", "=", "s.account_id").onRef("o.id", "=", "s.order_id"),
    )
    .select(["s.id", "s.expected_delivery", "o.number"])
    .where("s.account_id", "=", accountId)
    .where("s.id", "in", [...shipmentIds])
    .where("s.expected_delivery", "is not", null)
    .execute();
  let notified = 0;
  for (const row of rows) {
    const delay = await delayAnnouncer(services, {
      accountId,
      actorUserId: null,
      criteria: { orderNumbers: [row.number] },
      newExpectedDelivery: row.expected_delivery as string,
      reason: "carrier delay",
      reasonCode: "carrier",
      idempotencyKey: `shipment-delayed:${row.id}:${row.expected_delivery}`,
    });
    notified += delay.notified;
  }
  return notified;
}
