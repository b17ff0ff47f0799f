import { describe, expect, it } from "vitest";
import { seedOrder } from "../../../test/support/backoffice.ts";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { runOperation } from "../admin/operations.ts";
import { announceRestockDelays } from "./restockDelays.ts";

describe("a later restock date tells the customers whose orders it makes late", {
  timeout: 240_000,
}, () => {
  const relais = useTestRelais();

  it("from the product import and the shop's stock.update: each affected customer once, in their words", async () => {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    const chat = await createApiChannel(services, account.id);
    for (const [id, name, email, text] of [
      ["zoe", "Zoé Lambert", "zoe@example.fr", "Bonjour"],
      ["sam", "Sam Lee", "sam@example.com", "Hello"],
    ]) {
      await postSignedHook(relais().url, chat.channel.id, chat.secret, {
        message: { id: `${id}-1`, text },
        contact: { id, name, email },
      });
    }
    const conversations = await waitFor(async () => {
      const rows = (await api.get("/api/v1/conversations")).body.data;
      return rows.length === 2 ? rows : null;
    });
    const byName = (name: string) =>
      conversations.find((row: { contact: { name: string } }) => row.contact.name === name);
    const [zoe, sam] = [byName("Zoé Lambert"), byName("Sam Lee")];
    await services.db
      .updateTable("contacts")
      .set((eb) => ({
        locale: eb.case().when("id", "=", zoe.contact.id).then("fr").else("en").end(),
      }))
      .where("account_id", "=", account.id)
      .execute();

    const products = (restock: string) =>
      runOperation(services, "import.products", {
        account: account.slug,
        content: `sku,name,price,currency,stock,supplier,restock_date\nRST-1,Lampe,39.00,EUR,0,Lumen,${restock}\n`,
        format: "csv",
      }) as Promise<{ created: number; updated: number; delayNotified: number }>;
    expect(await products("2026-12-08")).toMatchObject({ created: 1, delayNotified: 0 });
    const orders = [
      // Waiting for the product, due before the new restock date: late.
      { number: "R-1", email: "zoe@example.fr", status: "pending", due: "2026-12-10" },
      // Due after it: still on time for the first move.
      { number: "R-2", email: "sam@example.com", status: "pending", due: "2026-12-20" },
      // Already on its way or delivered: the restock does not concern it.
      { number: "R-3", email: "zoe@example.fr", status: "in_transit", due: "2026-12-09" },
      { number: "R-4", email: "sam@example.com", status: "delivered", due: "2026-12-05" },
    ] as const;
    for (const order of orders) {
      await seedOrder(services, account.id, {
        number: order.number,
        email: order.email,
        sku: "RST-1",
        shipment: { status: order.status, expectedDelivery: order.due },
      });
    }
    await seedOrder(services, account.id, {
      number: "OTHER",
      email: "sam@example.com",
      sku: "ELSE",
      shipment: { status: "pending", expectedDelivery: "2026-12-09" },
    });
    const outbound = async () =>
      services.db
        .selectFrom("messages")
        .select(["conversation_id", "text"])
        .where("account_id", "=", account.id)
        .where("direction", "=", "out")
        .orderBy("created_at")
        .execute();

    // The import moves the restock to Thursday 17 December: only R-1 can no longer arrive.
    expect(await products("2026-12-17")).toMatchObject({ updated: 1, delayNotified: 1 });
    expect(await products("2026-12-17")).toMatchObject({ updated: 0, delayNotified: 0 });
    const first = await outbound();
    expect(first).toHaveLength(1);
    expect(first[0]?.conversation_id).toBe(zoe.id);
    expect(first[0]?.text).toContain("votre commande R-1 aura du retard");
    expect(first[0]?.text).toContain("Nouvelle date de livraison prévue : jeudi 17 décembre.");
    expect(first[0]?.text).toContain("un article de votre commande attend son réapprovisionnement");
    const [r1] = (await api.get("/api/v1/orders?q=R-1")).body.data;
    const detail = (await api.get(`/api/v1/orders/${r1.id}`)).body.data;
    expect(detail.shipments[0]).toMatchObject({
      status: "delayed",
      expectedDelivery: "2026-12-17",
    });

    // The shop says the restock slips again, to Monday 28 December: R-1 and now R-2 are late.
    const added = (await runOperation(services, "channel.add", {
      kind: "shop",
      account: account.slug,
      name: "Boutique",
    })) as { id: string; secret: string };
    const update = { type: "stock.update", sku: "RST-1", stock: 0, restockDate: "2026-12-28" };
    const answer = await postSignedHook(relais().url, added.id, added.secret, update);
    expect(answer.status).toBe(200);
    expect(answer.body.data.restockMoved).toBe(1);
    const all = await waitFor(async () => {
      const rows = await outbound();
      return rows.length === 3 ? rows : null;
    });
    const toZoe = all.slice(1).find((row) => row.conversation_id === zoe.id);
    const toSam = all.slice(1).find((row) => row.conversation_id === sam.id);
    expect(toZoe?.text).toContain("votre commande R-1 aura du retard");
    expect(toZoe?.text).toContain("lundi 28 décembre");
    expect(toSam?.text).toContain("your order R-2 will be late");
    expect(toSam?.text).toContain(
      "New expected delivery date: Monday, December 28. Reason: an item in your order is waiting to be restocked.",
    );

    // The same news again, and a replay of the job: nobody is told twice.
    const repeat = await postSignedHook(relais().url, added.id, added.secret, update);
    expect(repeat.body.data.restockMoved).toBe(0);
    expect(await announceRestockDelays(services, account.id, ["RST-1"])).toBe(0);
    expect(await outbound()).toHaveLength(3);
  });
});
