import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { importOrders, importProducts, readRows } from "./importer.ts";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/backoffice");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

describe("back-office imports and read API", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  it("imports products and orders from CSV, refuses bad rows, and re-import changes nothing", async () => {
    const { account, token } = await createAccount(relais().services);
    const db = relais().services.db;
    const products = await importProducts(db, account.id, readRows(fixture("products.csv"), "csv"));
    expect(products).toMatchObject({ created: 2, updated: 0 });
    expect(products.refused).toEqual([{ line: 4, reason: expect.stringContaining("price") }]);

    const first = await importOrders(db, account.id, readRows(fixture("orders.csv"), "csv"));
    expect(first).toMatchObject({ created: 2, updated: 0, lines: 3 });
    expect(first.refused).toEqual([{ line: 5, reason: expect.stringContaining("customer_email") }]);
    const again = await importOrders(db, account.id, readRows(fixture("orders.csv"), "csv"));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, lines: 0 });

    const api = apiClient(relais().url, token);
    const list = await api.get("/api/v1/orders?q=4821");
    expect(list.body.data.map((order: { number: string }) => order.number)).toEqual([
      "48214",
      "48213",
    ]);
    const zoe = list.body.data[1];
    expect(zoe).toMatchObject({ total: 45, currency: "EUR", status: "shipped" });
    expect(zoe.contact.email).toBe("zoe@example.fr");
    const byContact = await api.get(`/api/v1/orders?contactId=${zoe.contact.id}`);
    expect(byContact.body.data).toHaveLength(1);

    const detail = await api.get(`/api/v1/orders/${zoe.id}`);
    expect(detail.body.data.lines).toEqual([
      {
        sku: "MUG-1",
        name: "Mug bleu",
        quantity: 2,
        unitPrice: 12.5,
        stock: { available: 4, onHand: 4, restockDate: null },
      },
      {
        sku: "TEE-2",
        name: "T-shirt",
        quantity: 1,
        unitPrice: 20,
        stock: { available: 0, onHand: 0, restockDate: "2026-12-20" },
      },
    ]);
    expect(detail.body.data.shipments).toEqual([
      expect.objectContaining({
        carrier: "Colissimo",
        trackingNumber: "6A123",
        status: "in_transit",
        expectedDelivery: "2026-12-09",
        history: [expect.objectContaining({ status: "in_transit" })],
      }),
    ]);
    expect(detail.body.data.actions).toEqual([]);

    const product = await api.get("/api/v1/products/TEE-2");
    expect(product.body.data).toMatchObject({
      sku: "TEE-2",
      name: "T-shirt",
      price: 20,
      currency: "EUR",
      stockOnHand: 0,
      stockReserved: 0,
      stockAvailable: 0,
      restockDate: "2026-12-20",
    });
    expect((await api.get("/api/v1/products?q=mug")).body.data).toHaveLength(1);
    expect((await api.get("/api/v1/products/NOPE")).status).toBe(404);
  });

  it("imports JSON, matches customers by normalised email, and updates a changed order", async () => {
    const { account, token } = await createAccount(relais().services);
    const db = relais().services.db;
    await importOrders(db, account.id, readRows(fixture("orders.csv"), "csv"));
    const json = await importOrders(db, account.id, readRows(fixture("orders.json"), "json"));
    expect(json).toMatchObject({ created: 1, lines: 1 });
    expect(json.refused).toEqual([{ line: 2, reason: expect.stringContaining("placed_at") }]);
    const api = apiClient(relais().url, token);
    const [a100] = (await api.get("/api/v1/orders?q=A-100")).body.data;
    const [o48213] = (await api.get("/api/v1/orders?q=48213")).body.data;
    expect(a100.contact.id).toBe(o48213.contact.id);

    const delayed = fixture("orders.json").replace('"pending"', '"delayed"');
    const changed = await importOrders(db, account.id, readRows(delayed, "json"));
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    expect(changed.delayedShipmentIds).toHaveLength(1);
    const detail = (await api.get(`/api/v1/orders/${a100.id}`)).body.data;
    expect(detail.shipments[0].history.map((event: { status: string }) => event.status)).toEqual([
      "pending",
      "delayed",
    ]);
  });

  it("keeps valid orders whole when one of their rows is refused", async () => {
    const { account } = await createAccount(relais().services);
    const header =
      "order_number,placed_at,customer_email,customer_phone,customer_name,sku,product_name,quantity,unit_price,currency,carrier,tracking_number,shipment_status,expected_delivery";
    const csv = [
      header,
      "1,2026-12-01,a@example.fr,,,S1,One,1,1.00,EUR,,,,",
      "1,2026-12-01,a@example.fr,,,S2,Two,zero,1.00,EUR,,,,",
      "2,2026-12-01,+33 6 12 34 56 78,,,S1,One,1,1.00,EUR,,,,",
      "3,2026-12-01,,+33 6 12 34 56 78,,S1,One,1,1.00,EUR,UPS,1Z,teleported,",
      "4,2026-12-01,,06 12 34 56 78,,S1,One,3,2.00,EUR,,,,",
    ].join("\n");
    const summary = await importOrders(relais().services.db, account.id, readRows(csv, "csv"));
    expect(summary.refused.map((row) => row.line)).toEqual([2, 3, 4, 5]);
    expect(summary.refused[0]?.reason).toContain("whole order");
    expect(summary.refused[3]?.reason).toContain("shipment_status");
    expect(summary).toMatchObject({ created: 1, lines: 1 });
    const numbers = await relais()
      .services.db.selectFrom("orders")
      .select("number")
      .where("account_id", "=", account.id)
      .execute();
    expect(numbers).toEqual([{ number: "4" }]);
  });

  it("imports 10,000 lines with progress", async () => {
    const { account } = await createAccount(relais().services);
    const header =
      "order_number,placed_at,customer_email,customer_phone,customer_name,sku,product_name,quantity,unit_price,currency,carrier,tracking_number,shipment_status,expected_delivery";
    const rows = [header];
    for (let index = 0; index < 10_000; index += 1) {
      const order = Math.floor(index / 2);
      rows.push(
        `N${order},2026-11-01,c${order % 500}@example.fr,,,SKU${index % 7},P,1,9.99,EUR,DHL,T${order},in_transit,2026-12-09`,
      );
    }
    const progress: number[] = [];
    const started = performance.now();
    const summary = await importOrders(
      relais().services.db,
      account.id,
      readRows(rows.join("\n"), "csv"),
      (done, total) => {
        expect(total).toBe(5000);
        progress.push(done);
      },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(summary).toMatchObject({ created: 5000, lines: 10_000, refused: [] });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(5000);
    expect(progress.length).toBeGreaterThan(10);
    process.stdout.write(
      `order import: 10000 lines in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)} lines/s)\n`,
    );
  });
});
