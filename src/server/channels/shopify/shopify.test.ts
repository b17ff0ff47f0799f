import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyFake } from "../../../../test/fakes/shopify.ts";
import { orderNode, variant } from "../../../../test/fakes/shopifyNodes.ts";
import { createAccount, createApiChannel } from "../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../test/support/http.ts";
import { useTestRelais } from "../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { shopifyHmac } from "./webhook.ts";

const TOKEN = "shpat_test_token";
const SECRET = "shopify-app-secret";

describe("Shopify adapter", { timeout: 180_000 }, () => {
  const relais = useTestRelais();
  let fake: Awaited<ReturnType<typeof startShopifyFake>>;
  beforeAll(async () => {
    fake = await startShopifyFake({ accessToken: TOKEN });
  });
  afterAll(async () => {
    await fake?.close();
  });

  async function shopifyChannel(accessToken = TOKEN) {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const channel = await channelCreator(services.db, services.secrets, {
      accountId: account.id,
      kind: "shopify",
      name: "Boutique Shopify",
      config: { shopUrl: fake.url },
      secrets: { accessToken, apiSecret: SECRET },
    });
    return { account, token, channel, api: apiClient(relais().url, token) };
  }

  const syncDone = (accountId: string, channelId: string) =>
    waitFor(
      async () => {
        const row = await relais()
          .services.db.selectFrom("channels")
          .select("state")
          .where("account_id", "=", accountId)
          .where("id", "=", channelId)
          .executeTakeFirstOrThrow();
        const sync = (row.state as { sync?: { status: string } }).sync;
        return sync && sync.status !== "running" ? sync : null;
      },
      { timeoutMs: 60_000 },
    );

  async function postShopify(channelId: string, topic: string, payload: unknown, secret = SECRET) {
    const body = JSON.stringify(payload);
    const response = await fetch(`${relais().url}/hooks/${channelId}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-hmac-sha256": shopifyHmac(secret, body),
        "x-shopify-shop-domain": "relais-test.myshopify.com",
        "x-shopify-webhook-id": randomUUID(),
        "x-shopify-api-version": "2026-04",
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  /** orders/create as Shopify documents it (REST shape, trimmed to what Relais reads). */
  const restOrder = (id: number, fulfillments: unknown[] = []) => ({
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    order_number: id,
    created_at: "2026-12-01T10:00:00+01:00",
    currency: "EUR",
    total_price: "25.00",
    email: "sam@example.com",
    phone: null,
    customer: { id: 77, email: "sam@example.com", first_name: "Sam", last_name: "Lee" },
    line_items: [
      {
        id: 1,
        variant_id: 1,
        sku: "MUG-1",
        name: "Mug bleu",
        title: "Mug bleu",
        quantity: 2,
        price: "12.50",
      },
    ],
    fulfillments,
  });

  it("verifies X-Shopify-Hmac-Sha256 and stores orders, fulfillments and inventory levels", async () => {
    const { account, channel, api } = await shopifyChannel();
    await syncDone(account.id, channel.id);

    const forged = await postShopify(channel.id, "orders/create", restOrder(3001), "wrong-secret");
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${relais().url}/hooks/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-topic": "orders/create" },
      body: JSON.stringify(restOrder(3001)),
    });
    expect(unsigned.status).toBe(401);
    expect((await api.get("/api/v1/orders?q=3001")).body.data).toHaveLength(0);

    const created = await postShopify(channel.id, "orders/create", restOrder(3001));
    expect(created.status).toBe(200);
    expect(created.body.data.summary.orders.created).toBe(1);
    const again = await postShopify(channel.id, "orders/updated", restOrder(3001));
    expect(again.body.data.summary.orders.unchanged).toBe(1);
    // Webhooks may cross: a version older than the one stored is left.
    const older = { ...restOrder(3001), updated_at: "2026-11-30T10:00:00+01:00", currency: "USD" };
    const late = await postShopify(channel.id, "orders/updated", older);
    expect(late.body.data.ignored).toBe("an older version of the order");
    const [order] = (await api.get("/api/v1/orders?q=3001")).body.data;
    expect(order).toMatchObject({ number: "3001", total: 25, currency: "EUR", status: "open" });
    expect(order.contact.email).toBe("sam@example.com");

    const fulfillment = {
      id: 4001,
      order_id: 3001,
      status: "success",
      tracking_company: "Colissimo",
      tracking_number: "6A3001",
      tracking_url: "https://www.laposte.fr/outils/suivre-vos-envois?code=6A3001",
      shipment_status: "in_transit",
    };
    expect((await postShopify(channel.id, "fulfillments/create", fulfillment)).status).toBe(200);
    const detail = await api.get(`/api/v1/orders/${order.id}`);
    expect(detail.body.data.status).toBe("shipped");
    expect(detail.body.data.shipments[0]).toMatchObject({
      carrier: "Colissimo",
      trackingNumber: "6A3001",
      status: "in_transit",
    });
    const unknown = await postShopify(channel.id, "fulfillments/update", {
      ...fulfillment,
      order_id: 1,
    });
    expect(unknown.body.data.ignored).toBe("unknown order");

    // The carrier reports a delay: the customer hears it once, in their conversation.
    const chat = await createApiChannel(relais().services, account.id);
    await postSignedHook(relais().url, chat.channel.id, chat.secret, {
      message: { id: "sam-1", text: "Hello, any news?" },
      contact: { id: "sam", name: "Sam Lee", email: "sam@example.com" },
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
    );
    const delayed = {
      ...fulfillment,
      shipment_status: "delayed",
      estimated_delivery_at: "2026-12-19T12:00:00Z",
    };
    const first = await postShopify(channel.id, "fulfillments/update", delayed);
    expect(first.body.data.summary.delayedShipmentIds).toHaveLength(1);
    const notices = async () =>
      (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data.filter(
        (message: { direction: string; text: string }) =>
          message.direction === "out" && message.text.includes("3001"),
      );
    const [notice] = await waitFor(async () => {
      const found = await notices();
      return found.length > 0 ? found : null;
    });
    expect(notice.text).toContain("New expected delivery date: Saturday, December 19.");
    const repeat = await postShopify(channel.id, "fulfillments/update", delayed);
    expect(repeat.body.data.summary.delayedShipmentIds).toHaveLength(0);
    expect(await notices()).toHaveLength(1);
  });

  it("syncs customers, products with stock, and orders with fulfillments, page by page through a throttle", async () => {
    const emails = Array.from({ length: 60 }, (_, n) => `client${n}@example.fr`);
    fake.shop.customers.splice(
      0,
      Infinity,
      ...emails.slice(0, 3).map((email, n) => ({
        id: `gid://shopify/Customer/${n}`,
        firstName: "Client",
        lastName: String(n),
        defaultEmailAddress: { emailAddress: email },
        defaultPhoneNumber: null,
      })),
    );
    fake.shop.variants.splice(
      0,
      Infinity,
      variant(1, "MUG-1", [
        ["10", 4],
        ["11", 3],
      ]),
      variant(2, "TEE-2", [["10", 0]]),
    );
    fake.shop.orders.splice(
      0,
      Infinity,
      ...emails.map((email, n) =>
        orderNode(
          n,
          email,
          n === 0
            ? {
                id: "gid://shopify/Fulfillment/1",
                status: "SUCCESS",
                estimatedDeliveryAt: "2026-12-12T12:00:00Z",
                trackingInfo: [{ company: "DHL", number: "JD0001", url: null }],
                events: { nodes: [{ status: "IN_TRANSIT" }] },
              }
            : undefined,
        ),
      ),
    );
    fake.script("orders", "throttle");
    const before = fake.requests.length;
    const { account, channel, api } = await shopifyChannel();
    const sync = await syncDone(account.id, channel.id);
    expect(sync).toMatchObject({ status: "done", error: null });

    const calls = fake.requests.slice(before).map((request) => request.json);
    const orderPages = calls.filter((call) => /orders\(first/.test(call.query));
    // Two pages of 50 and the throttled first one, asked again with the same cursor.
    expect(orderPages.map((call) => call.variables.after)).toEqual([
      null,
      null,
      expect.any(String),
    ]);
    expect(orderPages.every((call) => call.variables.first === 50)).toBe(true);

    const first = (await api.get("/api/v1/orders?q=1000")).body.data[0];
    expect(first).toMatchObject({ number: "1000", total: 25 });
    const detail = await api.get(`/api/v1/orders/${first.id}`);
    expect(detail.body.data.shipments[0]).toMatchObject({
      carrier: "DHL",
      trackingNumber: "JD0001",
      status: "in_transit",
      expectedDelivery: "2026-12-12",
    });
    const count = await relais()
      .services.db.selectFrom("orders")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(60);
    const mug = await api.get("/api/v1/products/MUG-1");
    expect(mug.body.data).toMatchObject({ name: "Mug bleu", stockOnHand: 7, currency: "EUR" });

    // A level changes at one location: the stock is every location's together.
    const level = await postShopify(channel.id, "inventory_levels/update", {
      inventory_item_id: 1,
      location_id: 11,
      available: 10,
      updated_at: "2026-12-07T10:00:00Z",
      admin_graphql_api_id: "gid://shopify/InventoryLevel/11?inventory_item_id=1",
    });
    expect(level.status).toBe(200);
    expect((await api.get("/api/v1/products/MUG-1")).body.data.stockOnHand).toBe(14);
  });

  it("sends a refund back once (idempotent key) and a replacement as one draft order, across lost answers", async () => {
    const { account, channel, api } = await shopifyChannel();
    await syncDone(account.id, channel.id);
    const services = relais().services;
    const chat = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, chat.channel.id, chat.secret, {
      message: { id: "q-1", text: "Mon mug est arrivé cassé, commande 1000" },
      contact: { id: "c-0", name: "Client 0", email: "client0@example.fr" },
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
    );
    const order = (await api.get("/api/v1/orders?q=1000")).body.data[0];

    fake.script("refundCreate", "lose-answer");
    const refund = await api.post(`/api/v1/conversations/${conversation.id}/actions`, {
      type: "refund",
      orderId: order.id,
      lines: [],
      amount: 10,
      currency: "EUR",
      reason: "mug cassé",
      idempotencyKey: `refund-${randomUUID()}`,
    });
    expect(refund.status).toBe(201);
    expect(refund.body.data.status).toBe("done");
    const push = await waitFor(
      async () => {
        const row = await services.db
          .selectFrom("action_pushes")
          .selectAll()
          .where("account_id", "=", account.id)
          .where("action_id", "=", refund.body.data.id)
          .executeTakeFirst();
        return row?.status === "done" ? row : null;
      },
      { timeoutMs: 30_000 },
    );
    const refunds = fake.shop.refunds.filter((entry) => entry.key === refund.body.data.id);
    expect(refunds).toHaveLength(1);
    expect(push).toMatchObject({ external_id: refunds[0]?.id, attempts: 2 });
    expect(refunds[0]?.input).toMatchObject({
      orderId: "gid://shopify/Order/5000",
      transactions: [
        {
          parentId: "gid://shopify/OrderTransaction/9000",
          gateway: "shopify_payments",
          kind: "REFUND",
          amount: "10.00",
        },
      ],
    });

    fake.script("draftOrderCreate", "lose-answer");
    const replacement = await api.post(`/api/v1/conversations/${conversation.id}/actions`, {
      type: "replacement",
      orderId: order.id,
      lines: [{ sku: "MUG-1", quantity: 1 }],
      reason: "mug cassé",
      idempotencyKey: `replace-${randomUUID()}`,
    });
    expect(replacement.body.data.status).toBe("done");
    await waitFor(
      async () => {
        const row = await services.db
          .selectFrom("action_pushes")
          .select("status")
          .where("account_id", "=", account.id)
          .where("action_id", "=", replacement.body.data.id)
          .executeTakeFirst();
        return row?.status === "done" ? row : null;
      },
      { timeoutMs: 30_000 },
    );
    const drafts = fake.shop.draftOrders.filter((draft) =>
      draft.tags.includes(`relais-action-${replacement.body.data.id}`),
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.input).toMatchObject({
      email: "client0@example.fr",
      lineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }],
      appliedDiscount: { valueType: "PERCENTAGE", value: 100 },
    });
    const notes = (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data
      .map((message: { text: string }) => message.text)
      .filter((text: string) => text.startsWith("Shopify:"));
    expect(notes).toHaveLength(2);
  });

  it("keeps Shopify's refusal (401) on the action and tells the agent", async () => {
    const { account, channel, api } = await shopifyChannel("shpat_revoked");
    const sync = await syncDone(account.id, channel.id);
    expect(sync).toMatchObject({ status: "failed", error: expect.stringContaining("401") });
    const services = relais().services;
    // The order came in by webhook (the token is only needed to call Shopify).
    await postShopify(channel.id, "orders/create", restOrder(3002));
    const chat = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, chat.channel.id, chat.secret, {
      message: { id: "q-2", text: "Remboursez-moi la commande 3002" },
      contact: { id: "sam", name: "Sam", email: "sam@example.com" },
    });
    const conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
    );
    const order = (await api.get("/api/v1/orders?q=3002")).body.data[0];
    const refund = await api.post(`/api/v1/conversations/${conversation.id}/actions`, {
      type: "refund",
      orderId: order.id,
      lines: [],
      amount: 5,
      reason: "geste commercial",
      idempotencyKey: `refund-${randomUUID()}`,
    });
    const push = await waitFor(
      async () => {
        const row = await services.db
          .selectFrom("action_pushes")
          .selectAll()
          .where("account_id", "=", account.id)
          .where("action_id", "=", refund.body.data.id)
          .executeTakeFirst();
        return row?.status === "failed" ? row : null;
      },
      { timeoutMs: 30_000 },
    );
    expect(push.error).toContain("401");
    const detail = await api.get(`/api/v1/orders/${order.id}`);
    const action = detail.body.data.actions.find(
      (entry: { id: string }) => entry.id === refund.body.data.id,
    );
    expect(action.shop).toMatchObject({
      system: "shopify",
      status: "failed",
      error: expect.stringContaining("401"),
    });
  });
});
