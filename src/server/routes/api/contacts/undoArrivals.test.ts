import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seedContact } from "../../../../../test/support/contacts.ts";
import { createAccount, createApiChannel } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { upsertOrders } from "../../../backoffice/orderUpsert.ts";

/**
 * Undoing a merge sends back what reached the survivor since through an identity that goes
 * back: a chat session its visitor opened, an order imported for its email. What came through
 * the survivor's own identities stays.
 */
describe("undo after new chat sessions and orders (#14)", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("sends back the chat sessions and orders that arrived through the absorbed identities", async () => {
    const { services } = relais();
    const { account, token } = await createAccount(services);
    const api = apiClient(relais().url, token);
    const target = await seedContact(services, account.id, {
      name: "Léa Dupont",
      identities: [
        { kind: "chat", value: "visitor:target" },
        { kind: "email", value: "lea.dupont@example.test" },
      ],
    });
    const source = await seedContact(services, account.id, {
      name: "lea",
      identities: [
        { kind: "chat", value: "visitor:lea" },
        { kind: "email", value: "lea@example.test" },
      ],
    });
    const merged = await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(merged.status).toBe(200);

    // After the merge: both visitors open a chat, and the shop sends an order for each email.
    const { channel } = await createApiChannel(services, account.id);
    for (const visitor of ["visitor:lea", "visitor:target"]) {
      await services.db
        .insertInto("chat_sessions")
        .values({
          account_id: account.id,
          channel_id: channel.id,
          contact_id: target.id,
          visitor_id: visitor,
          token_hash: randomUUID(),
        })
        .execute();
    }
    const order = (number: string, email: string) => ({
      number,
      placedAt: new Date(),
      currency: "EUR",
      customer: { email },
      lines: [{ sku: "MUG-1", name: "Mug", quantity: 1, unitPriceCents: 1200 }],
      shipments: [],
    });
    await services.db
      .transaction()
      .execute((trx) =>
        upsertOrders(
          trx,
          account.id,
          [order("70001", "lea@example.test"), order("70002", "lea.dupont@example.test")],
          "import",
        ),
      );
    const owners = async () => {
      const sessions = await services.db
        .selectFrom("chat_sessions")
        .select(["visitor_id", "contact_id"])
        .where("account_id", "=", account.id)
        .orderBy("visitor_id")
        .execute();
      const orders = await services.db
        .selectFrom("orders")
        .select(["number", "contact_id"])
        .where("account_id", "=", account.id)
        .orderBy("number")
        .execute();
      return { sessions, orders };
    };
    // Merged: everything is the survivor's.
    expect(await owners()).toEqual({
      sessions: [
        { visitor_id: "visitor:lea", contact_id: target.id },
        { visitor_id: "visitor:target", contact_id: target.id },
      ],
      orders: [
        { number: "70001", contact_id: target.id },
        { number: "70002", contact_id: target.id },
      ],
    });

    const merges = await api.get(`/api/v1/contacts/${target.id}/merges`);
    const undo = await api.post(`/api/v1/contact-merges/${merges.body.data[0].id}/undo`, {});
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(await owners()).toEqual({
      sessions: [
        { visitor_id: "visitor:lea", contact_id: source.id },
        { visitor_id: "visitor:target", contact_id: target.id },
      ],
      orders: [
        { number: "70001", contact_id: source.id },
        { number: "70002", contact_id: target.id },
      ],
    });
    // The audit entry of the undo says what went back.
    const audit = await services.db
      .selectFrom("audit_log")
      .select("data")
      .where("account_id", "=", account.id)
      .where("action", "=", "contact.unmerge")
      .where("subject_id", "=", source.id)
      .executeTakeFirstOrThrow();
    expect((audit.data as { returned: Record<string, number> }).returned).toMatchObject({
      "chat_sessions.arrived": 1,
      "orders.arrived": 1,
    });
  });
});
