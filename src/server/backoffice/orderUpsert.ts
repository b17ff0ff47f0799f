import { createHash, randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { ShipmentStatus } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { type EventInput, recordEvents } from "../events/outbox.ts";

/** One order as every source gives it (CSV, JSON, the shop webhook). */
export interface IncomingOrder {
  number: string;
  placedAt: Date;
  currency: string;
  /** Normalised email and E.164 phone (at least one). */
  customer: { email?: string; phone?: string; name?: string };
  lines: Array<{ sku: string; name: string; quantity: number; unitPriceCents: number }>;
  shipments: IncomingShipment[];
}

export interface IncomingShipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
  status: ShipmentStatus;
  expectedDelivery?: string;
}

export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
  lines: number;
  /** Shipments that have just turned `delayed`. */
  delayedShipmentIds: string[];
  orderIds: string[];
}

function fingerprint(order: IncomingOrder): string {
  return createHash("sha256").update(JSON.stringify(order)).digest("hex");
}

function orderStatus(order: IncomingOrder): string {
  return orderStatusOf(order.shipments.map((shipment) => shipment.status));
}

/** Delivered when every shipment is; shipped once one is under way; open before. */
export function orderStatusOf(statuses: readonly ShipmentStatus[]): string {
  if (statuses.length > 0 && statuses.every((status) => status === "delivered")) {
    return "delivered";
  }
  if (statuses.some((status) => status !== "pending")) return "shipped";
  return "open";
}

export type IncomingCustomer = IncomingOrder["customer"];

/**
 * The contact of each customer (an order's, or one a shop lists): matched by normalised email,
 * then E.164 phone, else created (once per customer, with verified email and phone identities).
 */
export async function customerContacts(
  trx: Kysely<DB>,
  accountId: string,
  customers: IncomingCustomer[],
  events: EventInput[],
): Promise<string[]> {
  const emails = [...new Set(customers.flatMap((customer) => customer.email ?? []))];
  const phones = [...new Set(customers.flatMap((customer) => customer.phone ?? []))];
  const known = new Map<string, string>();
  for (const [kind, values] of [
    ["email", emails],
    ["phone", phones],
  ] as const) {
    if (values.length === 0) continue;
    const rows = await trx
      .selectFrom("identities")
      .select(["value", "contact_id"])
      .where("account_id", "=", accountId)
      .where("kind", "=", kind)
      .where("value", "in", values)
      .execute();
    for (const row of rows) known.set(`${kind}:${row.value}`, row.contact_id);
  }
  const find = (customer: IncomingCustomer) =>
    (customer.email && known.get(`email:${customer.email}`)) ||
    (customer.phone && known.get(`phone:${customer.phone}`)) ||
    undefined;
  const fresh: Array<{ id: string } & IncomingCustomer> = [];
  const ids = customers.map((customer) => {
    const found = find(customer);
    if (found) return found;
    const id = randomUUID();
    fresh.push({ id, ...customer });
    if (customer.email) known.set(`email:${customer.email}`, id);
    if (customer.phone) known.set(`phone:${customer.phone}`, id);
    return id;
  });
  if (fresh.length > 0) {
    await trx
      .insertInto("contacts")
      .values(
        fresh.map((customer) => ({
          account_id: accountId,
          id: customer.id,
          name: customer.name ?? null,
          email: customer.email ?? null,
          phone: customer.phone ?? null,
        })),
      )
      .execute();
    const identities = fresh.flatMap((customer) =>
      (["email", "phone"] as const).flatMap((kind) =>
        customer[kind]
          ? [
              {
                account_id: accountId,
                contact_id: customer.id,
                kind,
                value: customer[kind] as string,
                display_name: customer.name ?? null,
                verified: true,
              },
            ]
          : [],
      ),
    );
    await trx
      .insertInto("identities")
      .values(identities)
      .onConflict((conflict) => conflict.columns(["account_id", "kind", "value"]).doNothing())
      .execute();
    for (const customer of fresh) {
      events.push({ accountId, name: "contact.created", payload: { contactId: customer.id } });
    }
  }
  return ids;
}

/**
 * The identity each customer was matched by (their email's, else their phone's), when it belongs
 * to the contact given: undoing a contact merge follows it (contactMergeUndoer).
 */
async function matchedIdentities(
  trx: Kysely<DB>,
  accountId: string,
  customers: IncomingCustomer[],
  contactIds: string[],
): Promise<Array<string | null>> {
  const values = [...new Set(customers.flatMap((customer) => [customer.email, customer.phone]))];
  const wanted = values.filter((value): value is string => typeof value === "string");
  if (wanted.length === 0) return customers.map(() => null);
  const rows = await trx
    .selectFrom("identities")
    .select(["id", "kind", "value", "contact_id"])
    .where("account_id", "=", accountId)
    .where("kind", "in", ["email", "phone"])
    .where("value", "in", wanted)
    .execute();
  const byKey = new Map(rows.map((row) => [`${row.kind}:${row.value}`, row]));
  return customers.map((customer, index) => {
    for (const key of [`email:${customer.email}`, `phone:${customer.phone}`]) {
      const row = byKey.get(key);
      if (row && row.contact_id === contactIds[index]) return row.id;
    }
    return null;
  });
}

/**
 * Creates or updates orders with their lines and shipments, in the caller's transaction, in a
 * few statements whatever their number. The same order given twice changes nothing (its
 * fingerprint is kept); a shipment whose status or expected date changes gets an event in its
 * history.
 */
export async function upsertOrders(
  trx: Kysely<DB>,
  accountId: string,
  incoming: IncomingOrder[],
  source: string,
): Promise<UpsertSummary> {
  const summary: UpsertSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    lines: 0,
    delayedShipmentIds: [],
    orderIds: [],
  };
  if (incoming.length === 0) return summary;
  const prints = new Map(incoming.map((order) => [order.number, fingerprint(order)]));
  const existing = await trx
    .selectFrom("orders")
    .select(["id", "number", "fingerprint"])
    .where("account_id", "=", accountId)
    .where(
      "number",
      "in",
      incoming.map((order) => order.number),
    )
    .forUpdate()
    .execute();
  const current = new Map(existing.map((row) => [row.number, row]));
  const orders = incoming.filter((order) => {
    const same = current.get(order.number)?.fingerprint === prints.get(order.number);
    if (same) {
      summary.unchanged += 1;
      summary.orderIds.push(current.get(order.number)?.id as string);
    }
    return !same;
  });
  if (orders.length === 0) return summary;

  const events: EventInput[] = [];
  const contactIds = await customerContacts(
    trx,
    accountId,
    orders.map((order) => order.customer),
    events,
  );
  const identityIds = await matchedIdentities(
    trx,
    accountId,
    orders.map((order) => order.customer),
    contactIds,
  );
  const now = new Date();
  const written = await trx
    .insertInto("orders")
    .values(
      orders.map((order, index) => ({
        account_id: accountId,
        number: order.number,
        contact_id: contactIds[index] as string,
        identity_id: identityIds[index] ?? null,
        placed_at: order.placedAt,
        status: orderStatus(order),
        currency: order.currency,
        total_cents: order.lines.reduce(
          (sum, line) => sum + line.quantity * line.unitPriceCents,
          0,
        ),
        source,
        fingerprint: prints.get(order.number) as string,
        updated_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(["account_id", "number"]).doUpdateSet((eb) => ({
        contact_id: eb.ref("excluded.contact_id"),
        identity_id: eb.ref("excluded.identity_id"),
        placed_at: eb.ref("excluded.placed_at"),
        status: eb.ref("excluded.status"),
        currency: eb.ref("excluded.currency"),
        total_cents: eb.ref("excluded.total_cents"),
        source: eb.ref("excluded.source"),
        fingerprint: eb.ref("excluded.fingerprint"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .returning(["id", "number"])
    .execute();
  const idOf = new Map(written.map((row) => [row.number, row.id]));
  const updatedIds = orders.flatMap((order) =>
    current.has(order.number) ? [idOf.get(order.number) as string] : [],
  );
  if (updatedIds.length > 0) {
    await trx
      .deleteFrom("order_lines")
      .where("account_id", "=", accountId)
      .where("order_id", "in", updatedIds)
      .execute();
  }
  const lines = orders.flatMap((order) =>
    order.lines.map((line, position) => ({
      account_id: accountId,
      order_id: idOf.get(order.number) as string,
      position,
      sku: line.sku,
      product_name: line.name,
      quantity: line.quantity,
      unit_price_cents: line.unitPriceCents,
    })),
  );
  if (lines.length > 0) await trx.insertInto("order_lines").values(lines).execute();
  summary.lines += lines.length;

  const shipments = orders.flatMap((order) =>
    order.shipments.map((shipment) => ({
      orderId: idOf.get(order.number) as string,
      shipment,
    })),
  );
  summary.delayedShipmentIds.push(...(await applyShipments(trx, accountId, shipments)));

  for (const order of orders) {
    const orderId = idOf.get(order.number) as string;
    const created = !current.has(order.number);
    summary[created ? "created" : "updated"] += 1;
    summary.orderIds.push(orderId);
    events.push({
      accountId,
      name: created ? "order.created" : "order.updated",
      payload: { orderId },
    });
  }
  await recordEvents(trx, events);
  return summary;
}

/**
 * Adds shipments or brings them to their new status and date, recording an event in the
 * history of each that moved. Returns the ids of those that have just turned `delayed`.
 */
export async function applyShipments(
  trx: Kysely<DB>,
  accountId: string,
  shipments: Array<{ orderId: string; shipment: IncomingShipment }>,
): Promise<string[]> {
  if (shipments.length === 0) return [];
  const orderIds = [...new Set(shipments.map((entry) => entry.orderId))];
  const rows = await trx
    .selectFrom("shipments")
    .select(["id", "order_id", "carrier", "tracking_number", "status", "expected_delivery"])
    .where("account_id", "=", accountId)
    .where("order_id", "in", orderIds)
    .execute();
  const key = (orderId: string, carrier: string, tracking: string) =>
    `${orderId}\u0000${carrier}\u0000${tracking}`;
  const byKey = new Map(
    rows.map((row) => [key(row.order_id, row.carrier, row.tracking_number), row]),
  );
  const history: Array<{ id: string; status: ShipmentStatus; expected: string | null }> = [];
  const delayed: string[] = [];
  const fresh = [];
  for (const { orderId, shipment } of shipments) {
    const row = byKey.get(key(orderId, shipment.carrier, shipment.trackingNumber));
    const expected = shipment.expectedDelivery ?? row?.expected_delivery ?? null;
    if (!row) {
      fresh.push({
        account_id: accountId,
        id: randomUUID(),
        order_id: orderId,
        carrier: shipment.carrier,
        tracking_number: shipment.trackingNumber,
        tracking_url: shipment.trackingUrl ?? null,
        status: shipment.status,
        expected_delivery: expected,
      });
      continue;
    }
    if (row.status === shipment.status && row.expected_delivery === expected) continue;
    await trx
      .updateTable("shipments")
      .set({ status: shipment.status, expected_delivery: expected, updated_at: new Date() })
      .where("account_id", "=", accountId)
      .where("id", "=", row.id)
      .execute();
    history.push({ id: row.id, status: shipment.status, expected });
    if (shipment.status === "delayed" && row.status !== "delayed") delayed.push(row.id);
  }
  if (fresh.length > 0) {
    await trx.insertInto("shipments").values(fresh).execute();
    for (const row of fresh) {
      history.push({ id: row.id, status: row.status, expected: row.expected_delivery });
      if (row.status === "delayed") delayed.push(row.id);
    }
  }
  if (history.length > 0) {
    await trx
      .insertInto("shipment_events")
      .values(
        history.map((entry) => ({
          account_id: accountId,
          shipment_id: entry.id,
          status: entry.status,
          expected_delivery: entry.expected,
          occurred_at: sql<Date>`clock_timestamp()`,
        })),
      )
      .execute();
  }
  return delayed;
}
