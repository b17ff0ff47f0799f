import type { Kysely } from "kysely";
import type { ShipmentStatus } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { recordEvents } from "../events/outbox.ts";
import { ANNOUNCE_SHIPMENT_DELAYS } from "../jobs/tasks/announceShipmentDelays.ts";
import type { Services } from "../services.ts";
import {
  applyShipments,
  type IncomingOrder,
  type IncomingShipment,
  orderStatusOf,
  upsertOrders,
} from "./orderUpsert.ts";
import { type IncomingProduct, upsertProduct } from "./productUpsert.ts";

/** One record a shop sends: an order whole, one shipment's news, one product's stock. */
export type ShopRecord =
  | { type: "order.upsert"; order: IncomingOrder }
  | {
      type: "shipment.update";
      orderNumber: string;
      /** Carrier of a shipment not known yet (an existing one keeps its own). */
      shipment: Omit<IncomingShipment, "carrier"> & { carrier?: string };
    }
  | { type: "stock.update"; product: IncomingProduct };

export interface RecordSummary {
  orders: { created: number; updated: number; unchanged: number };
  shipments: { changed: number; unchanged: number };
  products: { changed: number; unchanged: number };
  delayedShipmentIds: string[];
  /** Products whose restock date moved later. */
  restockMovedSkus: string[];
}

const emptySummary = (): RecordSummary => ({
  orders: { created: 0, updated: 0, unchanged: 0 },
  shipments: { changed: 0, unchanged: 0 },
  products: { changed: 0, unchanged: 0 },
  delayedShipmentIds: [],
  restockMovedSkus: [],
});

/**
 * Stores a shop's records in the caller's transaction through the importer's own upserts, so
 * a record arriving twice changes nothing. A record naming an order or product the account does
 * not have throws 422, and the caller's transaction stores nothing.
 */
export async function applyRecords(
  trx: Kysely<DB>,
  accountId: string,
  source: string,
  records: readonly ShopRecord[],
): Promise<RecordSummary> {
  const summary = emptySummary();
  for (const record of records) {
    if (record.type === "order.upsert") {
      const outcome = await upsertOrders(trx, accountId, [record.order], source);
      summary.orders.created += outcome.created;
      summary.orders.updated += outcome.updated;
      summary.orders.unchanged += outcome.unchanged;
      summary.delayedShipmentIds.push(...outcome.delayedShipmentIds);
    } else if (record.type === "shipment.update") {
      const changed = await updateShipment(trx, accountId, record, summary);
      summary.shipments[changed ? "changed" : "unchanged"] += 1;
    } else {
      const outcome = await upsertProduct(trx, accountId, record.product);
      if (outcome === "unknown") {
        throw unprocessable("unknown_sku", `No product with SKU ${record.product.sku}.`);
      }
      summary.products[outcome === "unchanged" ? "unchanged" : "changed"] += 1;
      if (outcome === "restock_moved") summary.restockMovedSkus.push(record.product.sku);
    }
  }
  return summary;
}

/** One shipment of a known order takes its new status and date; the order follows. */
async function updateShipment(
  trx: Kysely<DB>,
  accountId: string,
  record: Extract<ShopRecord, { type: "shipment.update" }>,
  summary: RecordSummary,
): Promise<boolean> {
  const order = await trx
    .selectFrom("orders")
    .select(["id", "status"])
    .where("account_id", "=", accountId)
    .where("number", "=", record.orderNumber)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw unprocessable("unknown_order", `No order ${record.orderNumber}.`);
  const shipments = await trx
    .selectFrom("shipments")
    .select(["carrier", "tracking_number", "status", "expected_delivery"])
    .where("account_id", "=", accountId)
    .where("order_id", "=", order.id)
    .execute();
  const { trackingNumber } = record.shipment;
  const known = shipments.find((row) => row.tracking_number === trackingNumber);
  const expected = record.shipment.expectedDelivery ?? known?.expected_delivery ?? null;
  if (known && known.status === record.shipment.status && known.expected_delivery === expected) {
    return false;
  }
  const delayed = await applyShipments(trx, accountId, [
    {
      orderId: order.id,
      shipment: { ...record.shipment, carrier: known?.carrier ?? record.shipment.carrier ?? "" },
    },
  ]);
  summary.delayedShipmentIds.push(...delayed);
  const statuses: ShipmentStatus[] = shipments
    .filter((row) => row.tracking_number !== trackingNumber)
    .map((row) => row.status);
  const status = orderStatusOf([...statuses, record.shipment.status]);
  if (status !== order.status) {
    await trx
      .updateTable("orders")
      .set({ status, updated_at: new Date() })
      .where("account_id", "=", accountId)
      .where("id", "=", order.id)
      .execute();
  }
  await recordEvents(trx, [{ accountId, name: "order.updated", payload: { orderId: order.id } }]);
  return true;
}

/**
 * Shipments that have just turned `delayed`, and products whose restock date moved later, tell
 * their customers from a job enqueued in the caller's transaction: the webhook answers at once,
 * and the announcement is never lost.
 */
export async function enqueueDelayAnnouncements(
  services: Services,
  trx: Kysely<DB>,
  accountId: string,
  summary: Pick<RecordSummary, "delayedShipmentIds" | "restockMovedSkus">,
): Promise<void> {
  const { delayedShipmentIds, restockMovedSkus } = summary;
  if (delayedShipmentIds.length === 0 && restockMovedSkus.length === 0) return;
  await services.queue.send(trx, ANNOUNCE_SHIPMENT_DELAYS, {
    accountId,
    shipmentIds: [...new Set(delayedShipmentIds)],
    restockSkus: [...new Set(restockMovedSkus)],
  });
}

/** Stores a shop's records and schedules the delay notices, in one transaction. */
export async function storeRecords(
  services: Services,
  props: { accountId: string; source: string; records: readonly ShopRecord[] },
): Promise<RecordSummary> {
  return services.db.transaction().execute(async (trx) => {
    const summary = await applyRecords(trx, props.accountId, props.source, props.records);
    await enqueueDelayAnnouncements(services, trx, props.accountId, summary);
    return summary;
  });
}
