import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { smtpReceiverPort } from "../../../channels/email/smtpReceiver.ts";
import { createEmailChannel, deliverRaw } from "../../../channels/email/testing/channels.ts";
import { emailFixture } from "../../../channels/email/testing/fixtures.ts";

/** Mail that names no sender reaches the quarantine by SMTP; admins assign or discard it. */
describe("the email quarantine", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let port: number;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
    port = smtpReceiverPort(relais.services) ?? 0;
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
  });

  async function setup() {
    const { account, token } = await createAccount(relais.services);
    const { channel, address } = await createEmailChannel(relais.services, account.id);
    const api = apiClient(relais.url, token);
    /** A mail whose From holds no address, relayed by a forwarder of the shop's own domain. */
    const deliverNameless = (id: string) =>
      deliverRaw(port, emailFixture("no-sender-address", { TO: address, MESSAGE_ID: id }), {
        from: "forwarder@shop.example",
        to: [address],
      });
    return { account, channel, address, api, deliverNameless };
  }

  async function eventNames(accountId: string) {
    const rows = await relais.services.db
      .selectFrom("events")
      .select("name")
      .where("account_id", "=", accountId)
      .where("name", "like", "email_quarantine.%")
      .orderBy("id")
      .execute();
    return rows.map((row) => row.name);
  }

  it("keeps a mail that names nobody, answers 250, and ingests it once when assigned", async () => {
    const { account, channel, api, deliverNameless } = await setup();
    const accepted = await deliverNameless("nameless-1@example.fr");
    expect(accepted.response).toMatch(/^250/);
    // The sending server retries: still one.
    await deliverNameless("nameless-1@example.fr");

    const conversations = () => api.get("/api/v1/conversations?status=open,pending,resolved");
    expect((await conversations()).body.data).toHaveLength(0);
    const list = await api.get("/api/v1/email-quarantine");
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        channel: expect.objectContaining({ id: channel.id, name: "Service client" }),
        reason: "no sender address",
        sender: "Service Réclamations",
        subject: "Remboursement en attente",
        preview: expect.stringContaining("remboursement pour la commande CMD-50112"),
        status: "pending",
      }),
    ]);
    const id = list.body.data[0].id;
    const detail = await api.get(`/api/v1/email-quarantine/${id}`);
    expect(detail.body.data.text).toContain("Merci de me répondre.");
    expect(detail.body.data.envelope.sender).toBe("forwarder@shop.example");

    // Agents neither see nor act on it.
    const agent = await createUser(relais.services, account.id, "agent");
    const asAgent = apiClient(relais.url, agent.token);
    expect((await asAgent.get("/api/v1/email-quarantine")).status).toBe(403);
    expect((await asAgent.post(`/api/v1/email-quarantine/${id}/discard`)).status).toBe(403);

    const [first, second] = await Promise.all([
      api.post(`/api/v1/email-quarantine/${id}/assign`, { email: " Rene.Dupont@Example.fr " }),
      api.post(`/api/v1/email-quarantine/${id}/assign`, { email: "rene.dupont@example.fr" }),
    ]);
    expect([first?.status, second?.status].sort()).toEqual([200, 409]);
    const assigned = first?.status === 200 ? first : second;
    expect(assigned?.body.data).toMatchObject({ status: "assigned" });

    const [conversation] = (await conversations()).body.data;
    expect(conversation.id).toBe(assigned?.body.data.conversationId);
    expect(conversation.subject).toBe("Remboursement en attente");
    const messages = (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data.messages;
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain("CMD-50112");
    const contact = (await api.get(`/api/v1/contacts/${conversation.contact.id}`)).body.data;
    expect(contact.identities).toEqual([
      expect.objectContaining({ kind: "email", value: "rene.dupont@example.fr" }),
    ]);

    // Gone from the pending list, kept in the assigned one; audited; announced live.
    expect((await api.get("/api/v1/email-quarantine")).body.data).toHaveLength(0);
    const done = await api.get("/api/v1/email-quarantine?status=assigned");
    expect(done.body.data.map((item: { id: string }) => item.id)).toEqual([id]);
    const audit = await relais.services.db
      .selectFrom("audit_log")
      .select(["action", "data"])
      .where("account_id", "=", account.id)
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: "email_quarantine.assign",
        data: expect.objectContaining({ email: "rene.dupont@example.fr" }),
      }),
    ]);
    expect(await eventNames(account.id)).toEqual([
      "email_quarantine.created",
      "email_quarantine.updated",
    ]);
  });

  it("files a mail under an existing contact, and discards another", async () => {
    const { api, deliverNameless, address, account } = await setup();
    await deliverRaw(port, emailFixture("fr-iso-8859-1-qp", { TO: address }), {
      from: "elodie.martin@example.fr",
      to: [address],
    });
    const [known] = (await api.get("/api/v1/conversations")).body.data;
    await deliverNameless("nameless-2@example.fr");
    await deliverNameless("nameless-3@example.fr");
    const pending = (await api.get("/api/v1/email-quarantine?limit=1")).body;
    expect(pending.data).toHaveLength(1);
    const next = (await api.get(`/api/v1/email-quarantine?limit=1&cursor=${pending.nextCursor}`))
      .body.data;
    expect(next).toHaveLength(1);
    const [toAssign, toDiscard] = [pending.data[0].id, next[0].id];

    const assigned = await api.post(`/api/v1/email-quarantine/${toAssign}/assign`, {
      contactId: known.contact.id,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const contact = (await api.get(`/api/v1/contacts/${known.contact.id}`)).body.data;
    expect(contact.conversations).toHaveLength(2);

    const discarded = await api.post(`/api/v1/email-quarantine/${toDiscard}/discard`);
    expect(discarded.status).toBe(200);
    expect(discarded.body.data).toMatchObject({ status: "discarded", text: "" });
    const row = await relais.services.db
      .selectFrom("email_quarantine")
      .select(["raw"])
      .where("account_id", "=", account.id)
      .where("id", "=", toDiscard)
      .executeTakeFirstOrThrow();
    expect(row.raw).toBeNull();
    const again = await api.post(`/api/v1/email-quarantine/${toDiscard}/assign`, {
      email: "x@example.fr",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe("already_resolved");
    expect((await api.get("/api/v1/email-quarantine")).body.data).toHaveLength(0);
  });
});
