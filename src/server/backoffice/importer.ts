import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import { z } from "zod";
import { normaliseEmail, normalisePhone } from "../commands/contactResolver.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { type IncomingOrder, upsertOrders } from "./orderUpsert.ts";
import { upsertProduct } from "./productUpsert.ts";
import { optional, ZCount, ZCurrency, ZIsoDate, ZMoney, ZShipmentStatus } from "./values.ts";

export type Progress = (done: number, total: number, label: string) => void;

export interface RefusedRow {
  line: number;
  reason: string;
}

/** A record with the line of the file it came from (CSV: the header is line 1). */
interface SourceRow {
  line: number;
  fields: Record<string, unknown>;
}

/** The rows of a CSV file (with a header) or of a JSON array of objects. */
export function readRows(content: string, format: "csv" | "json"): SourceRow[] {
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw validationFailed("The file is not valid JSON.", error);
    }
    if (!Array.isArray(parsed)) throw validationFailed("The JSON file must hold an array.");
    return parsed.map((fields, index) => ({
      line: index + 1,
      fields: typeof fields === "object" && fields !== null ? fields : {},
    }));
  }
  try {
    const records = parse(content, {
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ line: info.lines, fields: record }));
  } catch (error) {
    throw validationFailed(`The CSV file cannot be read: ${(error as Error).message}`, error);
  }
}

function reasonOf(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`)
    .join("; ");
}

const ZOrderRow = z
  .object({
    order_number: z.coerce.string().trim().min(1, "required"),
    placed_at: z.coerce
      .string()
      .trim()
      .refine((value) => !Number.isNaN(Date.parse(value)), "an ISO date or date-time"),
    customer_email: optional(z.string().trim()),
    customer_phone: optional(z.coerce.string().trim()),
    customer_name: optional(z.string().trim()),
    sku: z.coerce.string().trim().min(1, "required"),
    product_name: optional(z.string().trim()),
    quantity: z.coerce.number().int().min(1, "at least 1"),
    unit_price: ZMoney,
    currency: ZCurrency,
    carrier: optional(z.string().trim()),
    tracking_number: optional(z.coerce.string().trim()),
    shipment_status: optional(ZShipmentStatus),
    expected_delivery: optional(ZIsoDate),
  })
  .transform((row, context) => {
    const email = normaliseEmail(row.customer_email);
    const phone = normalisePhone(row.customer_phone);
    if (row.customer_email && !email) {
      context.addIssue({ code: "custom", path: ["customer_email"], message: "not an email" });
    }
    if (row.customer_phone && !phone) {
      context.addIssue({ code: "custom", path: ["customer_phone"], message: "not a phone number" });
    }
    if (!email && !phone) {
      context.addIssue({ code: "custom", path: ["customer"], message: "an email or a phone" });
    }
    return { ...row, email, phone };
  });
type OrderRow = z.infer<typeof ZOrderRow>;

export interface OrderImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  lines: number;
  refused: RefusedRow[];
  /** Shipments that turned `delayed` with this import. */
  delayedShipmentIds: string[];
}

/** Groups valid rows by order; an order with one refused row is refused whole. */
function groupOrders(rows: SourceRow[]) {
  const refused: RefusedRow[] = [];
  const groups = new Map<string, Array<{ line: number; row: OrderRow }>>();
  const spoiled = new Set<string>();
  for (const source of rows) {
    const parsed = ZOrderRow.safeParse(source.fields);
    const number = String(source.fields.order_number ?? "").trim();
    if (!parsed.success) {
      refused.push({ line: source.line, reason: reasonOf(parsed.error) });
      if (number) spoiled.add(number);
      continue;
    }
    const group = groups.get(parsed.data.order_number) ?? [];
    group.push({ line: source.line, row: parsed.data });
    groups.set(parsed.data.order_number, group);
  }
  const orders: IncomingOrder[] = [];
  for (const [number, group] of groups) {
    const first = group[0]?.row as OrderRow;
    const other = group.find(({ row }) => row.currency !== first.currency);
    if (spoiled.has(number) || other) {
      const reason = other
        ? `order ${number} mixes currencies`
        : `order ${number} has a refused row; the whole order is left out`;
      for (const { line } of group) refused.push({ line, reason });
      continue;
    }
    orders.push(
      toIncoming(
        number,
        group.map(({ row }) => row),
      ),
    );
  }
  refused.sort((a, b) => a.line - b.line);
  return { orders, refused };
}

function toIncoming(number: string, rows: OrderRow[]): IncomingOrder {
  const first = rows[0] as OrderRow;
  const shipments = new Map<string, IncomingOrder["shipments"][number]>();
  for (const row of rows) {
    if (!row.carrier && !row.tracking_number && !row.shipment_status) continue;
    const key = `${row.carrier ?? ""}\u0000${row.tracking_number ?? ""}`;
    shipments.set(key, {
      carrier: row.carrier ?? "",
      trackingNumber: row.tracking_number ?? "",
      status: row.shipment_status ?? "pending",
      ...(row.expected_delivery ? { expectedDelivery: row.expected_delivery } : {}),
    });
  }
  return {
    number,
    placedAt: new Date(first.placed_at),
    currency: first.currency,
    customer: {
      ...(first.email ? { email: first.email } : {}),
      ...(first.phone ? { phone: first.phone } : {}),
      ...(first.customer_name ? { name: first.customer_name } : {}),
    },
    lines: rows.map((row) => ({
      sku: row.sku,
      name: row.product_name ?? row.sku,
      quantity: row.quantity,
      unitPriceCents: row.unit_price,
    })),
    shipments: [...shipments.values()],
  };
}

/** Orders written per transaction: each order is whole or absent, and a batch is fast. */
const BATCH = 250;

/**
 * Imports orders (one row per order line): upsert by order number, customers matched to
 * contacts; refused rows are reported with their line and why, the valid orders kept.
 */
export async function importOrders(
  db: Kysely<DB>,
  accountId: string,
  rows: SourceRow[],
  progress: Progress = () => {},
  source = "import",
): Promise<OrderImportSummary> {
  const { orders, refused } = groupOrders(rows);
  const summary: OrderImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    lines: 0,
    refused,
    delayedShipmentIds: [],
  };
  progress(0, orders.length, "orders");
  for (let start = 0; start < orders.length; start += BATCH) {
    const batch = orders.slice(start, start + BATCH);
    const outcome = await db
      .transaction()
      .execute((trx) => upsertOrders(trx, accountId, batch, source));
    summary.created += outcome.created;
    summary.updated += outcome.updated;
    summary.unchanged += outcome.unchanged;
    summary.lines += outcome.lines;
    summary.delayedShipmentIds.push(...outcome.delayedShipmentIds);
    progress(Math.min(start + BATCH, orders.length), orders.length, "orders");
  }
  return summary;
}

const ZProductRow = z.object({
  sku: z.coerce.string().trim().min(1, "required"),
  name: z.string().trim().min(1, "required"),
  price: ZMoney,
  currency: ZCurrency,
  stock: optional(ZCount),
  supplier: optional(z.string().trim()),
  restock_date: optional(ZIsoDate),
});

export interface ProductImportSummary {
  created: number;
  updated: number;
  refused: RefusedRow[];
  /** SKUs whose restock date moved later with this import. */
  restockMoved: string[];
}

/** Imports products: upsert by SKU; a row that changes nothing leaves the product untouched. */
export async function importProducts(
  db: Kysely<DB>,
  accountId: string,
  rows: SourceRow[],
  progress: Progress = () => {},
): Promise<ProductImportSummary> {
  const summary: ProductImportSummary = { created: 0, updated: 0, refused: [], restockMoved: [] };
  const valid: Array<z.infer<typeof ZProductRow>> = [];
  for (const source of rows) {
    const parsed = ZProductRow.safeParse(source.fields);
    if (parsed.success) valid.push(parsed.data);
    else summary.refused.push({ line: source.line, reason: reasonOf(parsed.error) });
  }
  progress(0, valid.length, "products");
  for (let start = 0; start < valid.length; start += BATCH) {
    const batch = valid.slice(start, start + BATCH);
    await db.transaction().execute(async (trx) => {
      for (const row of batch) {
        const outcome = await upsertProduct(trx, accountId, {
          sku: row.sku,
          name: row.name,
          priceCents: row.price,
          currency: row.currency,
          supplier: row.supplier ?? null,
          restockDate: row.restock_date ?? null,
          ...(row.stock !== undefined ? { stock: row.stock } : {}),
        });
        if (outcome === "created") summary.created += 1;
        if (outcome === "updated" || outcome === "restock_moved") summary.updated += 1;
        if (outcome === "restock_moved") summary.restockMoved.push(row.sku);
      }
    });
    progress(Math.min(start + BATCH, valid.length), valid.length, "products");
  }
  return summary;
}
