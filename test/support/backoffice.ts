import { upsertOrders } from "../../src/server/backoffice/orderUpsert.ts";
import type { ShipmentStatus } from "../../src/server/db/schema/backoffice.ts";
import type { Services } from "../../src/server/services.ts";

/** A product straight in the database (price in cents). */
export async function seedProduct(
  services: Services,
  accountId: string,
  props: { sku: string; stock: number; priceCents?: number; restockDate?: string | null },
) {
  return services.db
    .insertInto("products")
    .values({
      account_id: accountId,
      sku: props.sku,
      name: `Product ${props.sku}`,
      price_cents: props.priceCents ?? 2000,
      currency: "EUR",
      stock_on_hand: props.stock,
      restock_date: props.restockDate ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An order of one line (and one shipment when a status is given), as an import writes it. */
export async function seedOrder(
  services: Services,
  accountId: string,
  props: {
    number: string;
    email?: string;
    phone?: string;
    sku?: string;
    quantity?: number;
    unitPriceCents?: number;
    shipment?: { status: ShipmentStatus; expectedDelivery?: string; carrier?: string };
  },
) {
  const summary = await services.db.transaction().execute((trx) =>
    upsertOrders(
      trx,
      accountId,
      [
        {
          number: props.number,
          placedAt: new Date("2026-12-01T10:00:00Z"),
          currency: "EUR",
          customer: {
            ...(props.email || !props.phone
              ? { email: props.email ?? `${props.number}@example.fr` }
              : {}),
            ...(props.phone ? { phone: props.phone } : {}),
          },
          lines: [
            {
              sku: props.sku ?? "SKU-1",
              name: `Product ${props.sku ?? "SKU-1"}`,
              quantity: props.quantity ?? 1,
              unitPriceCents: props.unitPriceCents ?? 5000,
            },
          ],
          shipments: props.shipment
            ? [
                {
                  carrier: props.shipment.carrier ?? "Colissimo",
                  trackingNumber: `T-${props.number}`,
                  status: props.shipment.status,
                  ...(props.shipment.expectedDelivery
                    ? { expectedDelivery: props.shipment.expectedDelivery }
                    : {}),
                },
              ]
            : [],
        },
      ],
      "import",
    ),
  );
  const orderId = summary.orderIds[0] as string;
  const order = await services.db
    .selectFrom("orders")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  return order;
}
