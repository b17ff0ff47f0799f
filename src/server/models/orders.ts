import type { Kysely } from "kysely";
import type {
  AgentAction,
  Order,
  OrderLine,
  Product,
  Shipment,
  ShipmentEvent,
} from "../db/schema/backoffice.ts";
import type { ActionPushStatus } from "../db/schema/shop.ts";
import type { DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";

export interface OrderRow extends Order {
  contact_name: string | null;
  contact_email: string | null;
}

export interface OrderDetailRow extends OrderRow {
  lines: OrderLine[];
  products: Map<string, Product>;
  shipments: Array<Shipment & { history: ShipmentEvent[] }>;
  actions: Array<AgentAction & ActionPushColumns>;
}

/** Where an action stands in the shop it was sent back to (Shopify), when it was. */
export interface ActionPushColumns {
  push_status: ActionPushStatus | null;
  push_external_id: string | null;
  push_error: string | null;
}

function ordersWithContact(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom("orders")
    .innerJoin("contacts", (join) =>
      join
        .onRef("contacts.account_id", "=", "orders.account_id")
        .onRef("contacts.id", "=", "orders.contact_id"),
    )
    .selectAll("orders")
    .select(["contacts.name as contact_name", "contacts.email as contact_email"])
    .where("orders.account_id", "=", accountId);
}

/** The account's orders, newest first: a contact's, or those whose number starts with `q`. */
export async function listOrders(
  db: Kysely<DB>,
  accountId: string,
  filter: { contactId?: string; q?: string; limit: number },
): Promise<OrderRow[]> {
  return ordersWithContact(db, accountId)
    .$if(filter.contactId !== undefined, (query) =>
      query.where("orders.contact_id", "=", filter.contactId as string),
    )
    .$if(filter.q !== undefined, (query) =>
      query.where("orders.number", "like", `${(filter.q ?? "").replace(/[%_\\]/g, "\\$&")}%`),
    )
    .orderBy("orders.placed_at", "desc")
    .orderBy("orders.id", "desc")
    .limit(filter.limit)
    .execute();
}

/** Orders by number (those the account has), for numbers customers wrote. */
export async function findOrdersByNumber(
  db: Kysely<DB>,
  accountId: string,
  numbers: string[],
): Promise<OrderRow[]> {
  if (numbers.length === 0) return [];
  return ordersWithContact(db, accountId).where("orders.number", "in", numbers).execute();
}

/** Orders with their lines, each line's product, shipments with history, and actions. */
export async function withDetails(
  db: Kysely<DB>,
  accountId: string,
  orders: OrderRow[],
): Promise<OrderDetailRow[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((order) => order.id);
  const [lines, shipments, actions] = await Promise.all([
    db
      .selectFrom("order_lines")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("order_id", "in", ids)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("shipments")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("order_id", "in", ids)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("agent_actions as a")
      .leftJoin("action_pushes as p", (join) =>
        join.onRef("p.account_id", "=", "a.account_id").onRef("p.action_id", "=", "a.id"),
      )
      .selectAll("a")
      .select([
        "p.status as push_status",
        "p.external_id as push_external_id",
        "p.error as push_error",
      ])
      .where("a.account_id", "=", accountId)
      .where("a.order_id", "in", ids)
      .orderBy("a.created_at")
      .execute(),
  ]);
  const skus = [...new Set(lines.map((line) => line.sku))];
  const shipmentIds = shipments.map((shipment) => shipment.id);
  const [products, events] = await Promise.all([
    skus.length === 0
      ? []
      : db
          .selectFrom("products")
          .selectAll()
          .where("account_id", "=", accountId)
          .where("sku", "in", skus)
          .execute(),
    shipmentIds.length === 0
      ? []
      : db
          .selectFrom("shipment_events")
          .selectAll()
          .where("account_id", "=", accountId)
          .where("shipment_id", "in", shipmentIds)
          .orderBy("occurred_at")
          .execute(),
  ]);
  const productMap = new Map(products.map((product) => [product.sku, product]));
  return orders.map((order) => ({
    ...order,
    lines: lines.filter((line) => line.order_id === order.id),
    products: productMap,
    shipments: shipments
      .filter((shipment) => shipment.order_id === order.id)
      .map((shipment) => ({
        ...shipment,
        history: events.filter((event) => event.shipment_id === shipment.id),
      })),
    actions: actions.filter((action) => action.order_id === order.id),
  }));
}

export async function loadOrderDetail(
  db: Kysely<DB>,
  accountId: string,
  id: string,
): Promise<OrderDetailRow> {
  const order = await ordersWithContact(db, accountId)
    .where("orders.id", "=", id)
    .executeTakeFirst();
  if (!order) throw notFound("Order");
  const [detail] = await withDetails(db, accountId, [order]);
  return detail as OrderDetailRow;
}
