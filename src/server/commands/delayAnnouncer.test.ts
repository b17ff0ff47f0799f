import { describe, expect, it } from "vitest";
import { seedOrder } from "../../../test/support/backoffice.ts";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { runOperation } from "../admin/operations.ts";

describe("customers hit by a delay hear it first", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  it("tells each affected customer once, on their own channel and language; a repeat tells nobody", async () => {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    const shop = await createApiChannel(services, account.id);
    const chat = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, shop.channel.id, shop.secret, {
      message: { id: "fr-1", text: "Bonjour" },
      contact: { id: "c-fr", name: "Zoé" },
    });
    await postSignedHook(relais().url, chat.channel.id, chat.secret, {
      message: { id: "en-1", text: "Hello" },
      contact: { id: "c-en", name: "Sam" },
    });
    const conversations = await waitFor(
      async () => {
        const rows = (await api.get("/api/v1/conversations")).body.data;
        return rows.length === 2 ? rows : null;
      },
      { timeoutMs: 40_000 },
    );
    const byName = (name: string) =>
      conversations.find((row: { contact: { name: string } }) => row.contact.name === name);
    const [zoe, sam] = [byName("Zoé"), byName("Sam")];
    await services.db
      .updateTable("contacts")
      .set((eb) => ({
        locale: eb.case().when("id", "=", zoe.contact.id).then("fr").else("en").end(),
      }))
      .where("account_id", "=", account.id)
      .execute();

    const orders = [
      { number: "D-1", contactId: zoe.contact.id, status: "in_transit" as const },
      { number: "D-2", contactId: zoe.contact.id, status: "pending" as const },
      { number: "D-3", contactId: sam.contact.id, status: "in_transit" as const },
      { number: "D-4", contactId: null, status: "in_transit" as const },
      { number: "D-5", contactId: sam.contact.id, status: "delivered" as const },
    ];
    for (const order of orders) {
      const row = await seedOrder(services, account.id, {
        number: order.number,
        sku: "LATE-1",
        shipment: { status: order.status, expectedDelivery: "2026-12-10" },
      });
      if (order.contactId) {
        await services.db
          .updateTable("orders")
          .set({ contact_id: order.contactId })
          .where("account_id", "=", account.id)
          .where("id", "=", row.id)
          .execute();
      }
    }
    await seedOrder(services, account.id, { number: "OTHER", sku: "ON-TIME" });

    const agent = apiClient(relais().url, (await createUser(services, account.id, "agent")).token);
    const request = {
      sku: "LATE-1",
      newExpectedDelivery: "2026-12-24",
      reason: "rupture chez le fournisseur",
      idempotencyKey: "late-1",
    };
    expect((await agent.post("/api/v1/delays", request)).status).toBe(403);
    const first = await api.post("/api/v1/delays", request);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      affectedOrders: 4,
      notified: 2,
      skipped: [{ orderNumber: "D-4", reason: "no channel reaches the customer" }],
    });
    const again = await api.post("/api/v1/delays", request);
    expect(again.body.data).toEqual(first.body.data);

    const sent = await services.db
      .selectFrom("messages")
      .select(["conversation_id", "channel_id", "text"])
      .where("account_id", "=", account.id)
      .where("direction", "=", "out")
      .execute();
    expect(sent).toHaveLength(2);
    const toZoe = sent.find((message) => message.conversation_id === zoe.id);
    const toSam = sent.find((message) => message.conversation_id === sam.id);
    expect(toZoe?.channel_id).toBe(shop.channel.id);
    expect(toZoe?.text).toContain("votre commande D-1, D-2 aura du retard");
    // The date in the customer's words, the agent's reason as written.
    expect(toZoe?.text).toContain("Nouvelle date de livraison prévue : jeudi 24 décembre.");
    expect(toZoe?.text).toContain("rupture chez le fournisseur");
    expect(toSam?.channel_id).toBe(chat.channel.id);
    expect(toSam?.text).toContain("your order D-3 will be late");
    expect(toSam?.text).toContain("New expected delivery date: Thursday, December 24.");
    const jobs = await services.db
      .selectFrom("messages")
      .select("delivery_job_id")
      .where("account_id", "=", account.id)
      .where("direction", "=", "out")
      .where("delivery_job_id", "is not", null)
      .execute();
    expect(jobs).toHaveLength(2);

    const [d1] = (await api.get("/api/v1/orders?q=D-1")).body.data;
    const detail = (await api.get(`/api/v1/orders/${d1.id}`)).body.data;
    expect(detail.shipments[0]).toMatchObject({
      status: "delayed",
      expectedDelivery: "2026-12-24",
    });
    expect(detail.shipments[0].history.map((event: { status: string }) => event.status)).toEqual([
      "in_transit",
      "delayed",
    ]);

    // A new announcement with another key tells the same customers again (a new date).
    const later = await api.post("/api/v1/delays", {
      orderNumbers: ["D-3"],
      newExpectedDelivery: "2027-01-05",
      reason: "grève",
      idempotencyKey: "late-2",
    });
    expect(later.body.data).toMatchObject({ affectedOrders: 1, notified: 1, skipped: [] });
    const invalid = await api.post("/api/v1/delays", {
      newExpectedDelivery: "2027-01-05",
      reason: "x",
      idempotencyKey: "late-3",
    });
    expect(invalid.status).toBe(400);
  });

  it("announces a shipment that an import turns delayed, once however often it is imported", async () => {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    const shop = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, shop.channel.id, shop.secret, {
      message: { id: "m-1", text: "Bonjour" },
      contact: { id: "c-1", name: "Léa" },
    });
    const [conversation] = await waitFor(
      async () => {
        const rows = (await api.get("/api/v1/conversations")).body.data;
        return rows.length === 1 ? rows : null;
      },
      { timeoutMs: 40_000 },
    );
    await services.db
      .insertInto("identities")
      .values({
        account_id: account.id,
        contact_id: conversation.contact.id,
        kind: "email",
        value: "lea@example.fr",
        verified: true,
      })
      .execute();
    const csv = (status: string) =>
      [
        "order_number,placed_at,customer_email,customer_phone,customer_name,sku,product_name,quantity,unit_price,currency,carrier,tracking_number,shipment_status,expected_delivery",
        `L-1,2026-12-01,lea@example.fr,,Léa,S1,One,1,9.90,EUR,DHL,JJD1,${status},2026-12-18`,
      ].join("\n");
    const run = (status: string) =>
      runOperation(services, "import.orders", {
        account: account.slug,
        content: csv(status),
        format: "csv",
      }) as Promise<{ created: number; updated: number; delayNotified: number }>;
    expect(await run("in_transit")).toMatchObject({ created: 1, delayNotified: 0 });
    expect(await run("delayed")).toMatchObject({ updated: 1, delayNotified: 1 });
    expect(await run("delayed")).toMatchObject({ updated: 0, delayNotified: 0 });
    const sent = await services.db
      .selectFrom("messages")
      .select(["conversation_id", "text"])
      .where("account_id", "=", account.id)
      .where("direction", "=", "out")
      .execute();
    expect(sent).toEqual([
      {
        conversation_id: conversation.id,
        text: expect.stringMatching(
          /vendredi 18 décembre\. Raison : un retard du transporteur|Friday, December 18\. Reason: a carrier delay/,
        ),
      },
    ]);
  });
});
