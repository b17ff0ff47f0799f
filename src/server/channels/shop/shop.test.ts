import { describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../test/support/http.ts";
import { useTestRelais } from "../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { runOperation } from "../../admin/operations.ts";

const order = (overrides: Record<string, unknown> = {}) => ({
  type: "order.upsert",
  order: {
    number: "70001",
    placedAt: "2026-12-01T09:30:00Z",
    currency: "EUR",
    customer: { email: "Zoe@Example.fr", phone: null, name: "Zoé Lambert" },
    lines: [{ sku: "MUG-1", name: "Mug bleu", quantity: 2, unitPrice: "12.50" }],
    shipments: [
      {
        carrier: "Colissimo",
        trackingNumber: "6A700",
        status: "in_transit",
        expectedDelivery: "2026-12-10",
      },
    ],
    ...overrides,
  },
});

describe("shop channel: signed orders, shipments and stock", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  async function shopChannel() {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const added = (await runOperation(services, "channel.add", {
      kind: "shop",
      account: account.slug,
      name: "Boutique",
    })) as { id: string; secret: string; webhookUrl: string };
    return { account, token, ...added };
  }

  const countRows = async (table: "orders" | "events" | "shipment_events", accountId: string) =>
    Number(
      (
        await relais()
          .services.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("account_id", "=", accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("`channel add shop` prints id, secret and webhookUrl; an order is stored once however often it comes", async () => {
    const shop = await shopChannel();
    expect(shop.secret.length).toBeGreaterThanOrEqual(16);
    expect(shop.webhookUrl).toMatch(new RegExp(`/hooks/${shop.id}$`));

    const first = await postSignedHook(relais().url, shop.id, shop.secret, order());
    expect(first.status).toBe(200);
    expect(first.body.data.orders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const events = await countRows("events", shop.account.id);
    const again = await postSignedHook(relais().url, shop.id, shop.secret, order());
    expect(again.body.data.orders).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await countRows("events", shop.account.id)).toBe(events);

    const api = apiClient(relais().url, shop.token);
    // A store channel opens no conversation, and the channel settings list only messaging kinds.
    expect((await api.get("/api/v1/conversations")).body.data).toHaveLength(0);
    const channels = (await api.get("/api/v1/channels")).body.data;
    expect(channels.map((channel: { id: string }) => channel.id)).not.toContain(shop.id);
    const list = await api.get("/api/v1/orders?q=70001");
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ total: 25, currency: "EUR", status: "shipped" });
    expect(list.body.data[0].contact.email).toBe("zoe@example.fr");
    const detail = await api.get(`/api/v1/orders/${list.body.data[0].id}`);
    expect(detail.body.data.shipments[0]).toMatchObject({
      carrier: "Colissimo",
      trackingNumber: "6A700",
      status: "in_transit",
      expectedDelivery: "2026-12-10",
    });

    const delivered = await postSignedHook(relais().url, shop.id, shop.secret, {
      type: "shipment.update",
      orderNumber: "70001",
      trackingNumber: "6A700",
      status: "delivered",
    });
    expect(delivered.body.data.shipments).toEqual({ changed: 1, unchanged: 0 });
    const after = await api.get(`/api/v1/orders/${list.body.data[0].id}`);
    expect(after.body.data.status).toBe("delivered");
    expect(after.body.data.shipments[0].status).toBe("delivered");
    const repeated = await postSignedHook(relais().url, shop.id, shop.secret, {
      type: "shipment.update",
      orderNumber: "70001",
      trackingNumber: "6A700",
      status: "delivered",
    });
    expect(repeated.body.data.shipments).toEqual({ changed: 0, unchanged: 1 });
  });

  it("refuses bad signatures, malformed events and unknown orders or SKUs with 4xx, storing nothing", async () => {
    const shop = await shopChannel();
    const badSignature = await postSignedHook(
      relais().url,
      shop.id,
      "not-the-secret-at-all",
      order(),
    );
    expect(badSignature.status).toBe(401);
    const stale = await postSignedHook(relais().url, shop.id, shop.secret, order(), {
      at: new Date(Date.now() - 3600_000),
    });
    expect(stale.status).toBe(401);
    const noCustomer = await postSignedHook(
      relais().url,
      shop.id,
      shop.secret,
      order({ customer: { name: "Anonyme" } }),
    );
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error.id).toBe("invalid_payload");
    const badStatus = await postSignedHook(relais().url, shop.id, shop.secret, {
      type: "shipment.update",
      orderNumber: "70001",
      trackingNumber: "X",
      status: "teleported",
    });
    expect(badStatus.status).toBe(400);
    const unknownOrder = await postSignedHook(relais().url, shop.id, shop.secret, {
      type: "shipment.update",
      orderNumber: "nope",
      trackingNumber: "X",
      status: "delayed",
    });
    expect(unknownOrder.status).toBe(422);
    expect(unknownOrder.body.error.id).toBe("unknown_order");
    const unknownSku = await postSignedHook(relais().url, shop.id, shop.secret, {
      type: "stock.update",
      sku: "NOPE",
      stock: 3,
    });
    expect(unknownSku.status).toBe(422);
    expect(await countRows("orders", shop.account.id)).toBe(0);
    expect(await countRows("shipment_events", shop.account.id)).toBe(0);
  });

  it("updates stock and restock date by SKU", async () => {
    const shop = await shopChannel();
    const services = relais().services;
    await services.db
      .insertInto("products")
      .values({
        account_id: shop.account.id,
        sku: "TEE-2",
        name: "T-shirt",
        price_cents: 2000,
        currency: "EUR",
        stock_on_hand: 0,
      })
      .execute();
    const update = {
      type: "stock.update",
      sku: "TEE-2",
      stock: 14,
      restockDate: "2026-12-20",
    };
    const first = await postSignedHook(relais().url, shop.id, shop.secret, update);
    expect(first.body.data.products).toEqual({ changed: 1, unchanged: 0 });
    const again = await postSignedHook(relais().url, shop.id, shop.secret, update);
    expect(again.body.data.products).toEqual({ changed: 0, unchanged: 1 });
    const product = await apiClient(relais().url, shop.token).get("/api/v1/products/TEE-2");
    expect(product.body.data).toMatchObject({
      stockOnHand: 14,
      stockAvailable: 14,
      restockDate: "2026-12-20",
    });
  });

  it("a shipment the shop turns delayed tells its customer once, in their conversation", async () => {
    const shop = await shopChannel();
    const services = relais().services;
    const api = apiClient(relais().url, shop.token);
    const chat = await createApiChannel(services, shop.account.id);
    await postSignedHook(relais().url, chat.channel.id, chat.secret, {
      message: { id: "m-1", text: "Bonjour, où en est ma commande ?" },
      contact: { id: "zoe", name: "Zoé Lambert", email: "zoe@example.fr" },
    });
    const conversation = await waitFor(async () => {
      const rows = (await api.get("/api/v1/conversations")).body.data;
      return rows[0] ?? null;
    });
    await postSignedHook(relais().url, shop.id, shop.secret, order());
    const delayed = {
      type: "shipment.update",
      orderNumber: "70001",
      trackingNumber: "6A700",
      status: "delayed",
      expectedDelivery: "2026-12-18",
    };
    const answer = await postSignedHook(relais().url, shop.id, shop.secret, delayed);
    expect(answer.status).toBe(200);
    expect(answer.body.data.delayedShipments).toBe(1);
    const notices = async () =>
      (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data.filter(
        (message: { direction: string; text: string }) =>
          message.direction === "out" && message.text.includes("70001"),
      );
    const [notice] = await waitFor(async () => {
      const found = await notices();
      return found.length > 0 ? found : null;
    });
    expect(notice.text).toContain("vendredi 18 décembre");
    expect(notice.text).toContain("Raison : un retard du transporteur");
    // The same news again, and a replay of the job's key: nobody is told twice.
    expect(
      (await postSignedHook(relais().url, shop.id, shop.secret, delayed)).body.data
        .delayedShipments,
    ).toBe(0);
    const { announceShipmentDelays } = await import("../../backoffice/shipmentDelays.ts");
    const shipment = await services.db
      .selectFrom("shipments")
      .select("id")
      .where("account_id", "=", shop.account.id)
      .executeTakeFirstOrThrow();
    await announceShipmentDelays(services, shop.account.id, [shipment.id]);
    expect(await notices()).toHaveLength(1);
  });
});
