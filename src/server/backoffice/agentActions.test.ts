import { describe, expect, it } from "vitest";
import { seedOrder, seedProduct } from "../../../test/support/backoffice.ts";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";

describe("orders in the conversation, agent actions and approvals", { timeout: 180_000 }, () => {
  const relais = useTestRelais();

  async function setup(text: string) {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const admin = apiClient(relais().url, token);
    const agent = await createUser(services, account.id, "agent");
    const supervisor = await createUser(services, account.id, "supervisor");
    const { channel, secret } = await createApiChannel(services, account.id);
    await postSignedHook(relais().url, channel.id, secret, {
      message: { id: `m-${Date.now()}`, text },
      contact: { id: "customer-1", name: "Zoé Lambert" },
    });
    const conversation = await waitFor(
      async () => (await admin.get("/api/v1/conversations")).body.data[0],
      { timeoutMs: 40_000 },
    );
    const mine = await seedOrder(services, account.id, {
      number: "777",
      sku: "MUG-1",
      quantity: 2,
      unitPriceCents: 5000,
    });
    await services.db
      .updateTable("orders")
      .set({ contact_id: conversation.contact.id })
      .where("account_id", "=", account.id)
      .where("id", "=", mine.id)
      .execute();
    return {
      account,
      admin,
      agent: apiClient(relais().url, agent.token),
      supervisor: apiClient(relais().url, supervisor.token),
      conversation,
      order: mine,
    };
  }

  it("shows the orders the customer named (flagging another customer's) and their own", async () => {
    const { account, admin, conversation } = await setup(
      "Bonjour, ma commande 48213 est arrivée cassée",
    );
    await seedProduct(relais().services, account.id, {
      sku: "MUG-1",
      stock: 4,
      restockDate: "2026-12-20",
    });
    await seedOrder(relais().services, account.id, {
      number: "48213",
      email: "someone.else@example.fr",
      shipment: { status: "in_transit", expectedDelivery: "2026-12-09" },
    });
    const detail = (await admin.get(`/api/v1/conversations/${conversation.id}`)).body.data;
    expect(
      detail.orders.map((order: { number: string; mentioned: boolean; otherCustomer: boolean }) => [
        order.number,
        order.mentioned,
        order.otherCustomer,
      ]),
    ).toEqual([
      ["48213", true, true],
      ["777", false, false],
    ]);
    expect(detail.orders[0].shipments[0]).toMatchObject({
      status: "in_transit",
      expectedDelivery: "2026-12-09",
    });
    expect(detail.orders[1].lines[0].stock).toEqual({
      available: 4,
      onHand: 4,
      restockDate: "2026-12-20",
    });
  });

  it("acts within per-action and per-day limits, above them waits for one approval", async () => {
    const { admin, agent, supervisor, conversation, order } = await setup("Remboursez-moi");
    const put = await admin.put("/api/v1/authority-limits", {
      agent: { refund: { perAction: 30, perDay: 50 } },
    });
    expect(put.body.data.agent.refund).toEqual({ perAction: 30, perDay: 50 });
    expect((await agent.put("/api/v1/authority-limits", { agent: {} })).status).toBe(403);
    const act = (api: typeof agent, amount: number, key: string, type = "refund") =>
      api.post(`/api/v1/conversations/${conversation.id}/actions`, {
        type,
        orderId: order.id,
        amount,
        currency: "EUR",
        reason: "Colis abîmé",
        idempotencyKey: key,
      });

    const first = await act(agent, 20, "r1");
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ type: "refund", status: "done", amount: 20 });
    const repeated = await act(agent, 20, "r1");
    expect(repeated.body.data.id).toBe(first.body.data.id);
    expect((await act(agent, 20, "r2")).body.data.status).toBe("done");
    const overDay = await act(agent, 20, "r3");
    expect(overDay.body.data.status).toBe("pending_approval");
    // Credits keep the default agent limit: 30 per action.
    const overAction = await act(agent, 35, "r4", "credit");
    expect(overAction.body.data.status).toBe("pending_approval");
    const mine = (await agent.get("/api/v1/authority-limits/mine")).body.data;
    expect(mine.refund).toEqual({ perAction: 30, perDay: 50, usedToday: 40, leftToday: 10 });
    expect((await admin.get("/api/v1/authority-limits/mine")).body.data.refund.perDay).toBeNull();

    // 100 ordered; 40 refunded, 55 pending: 5 left, whoever asks.
    const tooMuch = await act(admin, 10, "r5");
    expect(tooMuch.body.data.status).toBe("refused");
    expect(tooMuch.body.data.reason).toContain("5.00 EUR");

    expect((await agent.get("/api/v1/approvals?status=pending")).status).toBe(403);
    const pending = (await supervisor.get("/api/v1/approvals?status=pending")).body.data;
    expect(pending.map((row: { actionId: string }) => row.actionId).sort()).toEqual(
      [overDay.body.data.id, overAction.body.data.id].sort(),
    );
    const refund = pending.find((row: { type: string }) => row.type === "refund");
    expect(refund).toMatchObject({ amount: 20, conversationId: conversation.id });
    expect(refund.requestedBy.name).toContain("agent");
    const approved = await supervisor.post(`/api/v1/approvals/${refund.id}/approve`, {});
    expect(approved.body.data.status).toBe("approved");
    const again = await supervisor.post(`/api/v1/approvals/${refund.id}/approve`, {});
    expect(again.status).toBe(409);
    const credit = pending.find((row: { type: string }) => row.type === "credit");
    const rejected = await admin.post(`/api/v1/approvals/${credit.id}/reject`, {
      reason: "Déjà dédommagé",
    });
    expect(rejected.body.data.status).toBe("rejected");
    expect((await supervisor.get("/api/v1/approvals?status=pending")).body.data).toEqual([]);

    const detail = (await admin.get(`/api/v1/orders/${order.id}`)).body.data;
    expect(detail.refunded).toBe(60);
    expect(detail.actions.map((action: { status: string }) => action.status)).toEqual([
      "done",
      "done",
      "done",
      "rejected",
      "refused",
    ]);
    const timeline = (await admin.get(`/api/v1/conversations/${conversation.id}`)).body.data;
    const entries = timeline.messages.filter(
      (message: { direction: string; text: string }) =>
        message.direction === "note" && message.text.startsWith("refund"),
    );
    expect(entries.length).toBe(5);
    // Each entry carries its data, for the web app to word in the reader's language.
    const metas = timeline.messages
      .map((message: { metadata: Record<string, unknown> }) => message.metadata)
      .filter((metadata: Record<string, unknown>) => metadata.system === "agent_action");
    expect(metas).toContainEqual(
      expect.objectContaining({
        type: "refund",
        status: "refused",
        amount: 10,
        currency: "EUR",
        reason: "Colis abîmé",
        refusal: { kind: "exceeds_left", left: 5, currency: "EUR" },
      }),
    );
    expect(metas).toContainEqual(
      expect.objectContaining({
        type: "credit",
        status: "rejected",
        amount: 35,
        refusal: null,
        decisionReason: "Déjà dédommagé",
      }),
    );
    const audit = await relais()
      .services.db.selectFrom("audit_log")
      .select("action")
      .where("account_id", "=", order.account_id)
      .where("subject_type", "=", "agent_action")
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      "agent_action.create",
      "agent_action.create",
      "agent_action.create",
      "agent_action.create",
      "agent_action.create",
      "approval.approve",
      "approval.reject",
    ]);
  });

  it("never takes stock below zero under concurrent replacements, and one key acts once", async () => {
    const { account, admin, agent, supervisor, conversation, order } = await setup("Cassé");
    await seedProduct(relais().services, account.id, {
      sku: "MUG-1",
      stock: 3,
      priceCents: 1000,
      restockDate: "2026-12-20",
    });
    const replace = (api: typeof admin, key: string) =>
      api.post(`/api/v1/conversations/${conversation.id}/actions`, {
        type: "replacement",
        orderId: order.id,
        lines: [{ sku: "MUG-1", quantity: 1 }],
        reason: "Arrivé cassé",
        idempotencyKey: key,
      });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => replace(admin, `rep-${index}`)),
    );
    const statuses = results.map((result) => result.body.data.status);
    expect(statuses.filter((status) => status === "done")).toHaveLength(3);
    expect(statuses.filter((status) => status === "refused")).toHaveLength(5);
    const refused = results.find((result) => result.body.data.status === "refused");
    expect(refused?.body.data.reason).toContain("2026-12-20");
    const same = await Promise.all(Array.from({ length: 4 }, () => replace(admin, "rep-0")));
    expect(new Set(same.map((result) => result.body.data.id)).size).toBe(1);
    let product = (await admin.get("/api/v1/products/MUG-1")).body.data;
    expect(product).toMatchObject({ stockOnHand: 0, stockReserved: 0, stockAvailable: 0 });

    // Above the agent's limit (10 per replacement here), the goods are held until approved.
    await relais()
      .services.db.updateTable("products")
      .set({ stock_on_hand: 2 })
      .where("account_id", "=", account.id)
      .execute();
    await admin.put("/api/v1/authority-limits", {
      agent: { replacement: { perAction: 10, perDay: 100 } },
    });
    const big = await agent.post(`/api/v1/conversations/${conversation.id}/actions`, {
      type: "replacement",
      orderId: order.id,
      lines: [{ sku: "MUG-1", quantity: 2 }],
      reason: "Les deux cassés",
      idempotencyKey: "big",
    });
    expect(big.body.data.status).toBe("pending_approval");
    product = (await admin.get("/api/v1/products/MUG-1")).body.data;
    expect(product).toMatchObject({ stockOnHand: 2, stockReserved: 2, stockAvailable: 0 });
    const [approval] = (await supervisor.get("/api/v1/approvals?status=pending")).body.data;
    await Promise.all([
      supervisor.post(`/api/v1/approvals/${approval.id}/approve`, {}),
      admin.post(`/api/v1/approvals/${approval.id}/approve`, {}),
    ]);
    product = (await admin.get("/api/v1/products/MUG-1")).body.data;
    expect(product).toMatchObject({ stockOnHand: 0, stockReserved: 0, stockAvailable: 0 });
  });
});
