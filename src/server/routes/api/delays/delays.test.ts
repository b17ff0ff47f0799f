import { describe, expect, it } from "vitest";
import { seedOrder } from "../../../../../test/support/backoffice.ts";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";

describe("the delay preview", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  it("shows who the send will tell, with its very words, and stores nothing", async () => {
    const services = relais().services;
    const { account, token } = await createAccount(services, { locale: "fr" });
    const api = apiClient(relais().url, token);
    const shop = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, shop.channel.id, shop.secret, {
      message: { id: "p-1", text: "Hello, where is my parcel?" },
      contact: { id: "c-en", name: "Sam <b>Hostile</b>" },
    });
    const [conversation] = await waitFor(
      async () => {
        const rows = (await api.get("/api/v1/conversations")).body.data;
        return rows.length === 1 ? rows : null;
      },
      { timeoutMs: 40_000 },
    );
    await services.db
      .updateTable("contacts")
      .set({ locale: "en" })
      .where("account_id", "=", account.id)
      .where("id", "=", conversation.contact.id)
      .execute();
    const reached = await seedOrder(services, account.id, {
      number: "P-1",
      sku: "LATE",
      shipment: { status: "in_transit", expectedDelivery: "2026-12-10" },
    });
    await services.db
      .updateTable("orders")
      .set({ contact_id: conversation.contact.id })
      .where("account_id", "=", account.id)
      .where("id", "=", reached.id)
      .execute();
    await seedOrder(services, account.id, { number: "P-2", sku: "LATE" });
    const request = { sku: "LATE", newExpectedDelivery: "2026-12-24", reason: "grève" };

    const agent = apiClient(relais().url, (await createUser(services, account.id, "agent")).token);
    expect((await agent.post("/api/v1/delays/preview", request)).status).toBe(403);

    const preview = await api.post("/api/v1/delays/preview", request);
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({
      affectedOrders: 2,
      recipients: [
        {
          contact: { id: conversation.contact.id, name: "Sam <b>Hostile</b>" },
          conversationId: conversation.id,
          channel: { id: shop.channel.id, kind: "api" },
          language: "en",
          orderNumbers: ["P-1"],
        },
      ],
      skipped: [{ orderNumber: "P-2", reason: "no channel reaches the customer" }],
    });
    expect(preview.body.data.messages.fr).toContain("votre commande P-1 aura du retard");
    expect(preview.body.data.messages.en).toContain("your order P-1 will be late");
    const stored = async () => ({
      delays: await services.db
        .selectFrom("delays")
        .select("id")
        .where("account_id", "=", account.id)
        .execute(),
      out: await services.db
        .selectFrom("messages")
        .select("text")
        .where("account_id", "=", account.id)
        .where("direction", "=", "out")
        .execute(),
      shipments: await services.db
        .selectFrom("shipments")
        .select(["status", "expected_delivery"])
        .where("account_id", "=", account.id)
        .execute(),
    });
    expect(await stored()).toEqual({
      delays: [],
      out: [],
      shipments: [{ status: "in_transit", expected_delivery: "2026-12-10" }],
    });

    const sent = await api.post("/api/v1/delays", { ...request, idempotencyKey: "p" });
    expect(sent.body.data).toMatchObject({ affectedOrders: 2, notified: 1 });
    expect((await stored()).out).toEqual([{ text: preview.body.data.recipients[0].text }]);

    const nothing = await api.post("/api/v1/delays/preview", {
      newExpectedDelivery: "2026-12-24",
      reason: "x",
    });
    expect(nothing.status).toBe(400);
  });
});
