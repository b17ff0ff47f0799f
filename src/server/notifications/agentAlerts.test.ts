import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { createEmailChannel } from "../channels/email/testing/channels.ts";
import { startRelay } from "../channels/email/testing/relay.ts";
import { notificationKinds } from "../db/migrations/20261211T1702_notification_kinds.ts";
import { recordEvent } from "../events/outbox.ts";

/**
 * Issue 21 §4–§6 through the API: a reply being retried says so (attempt, next try, the
 * provider's answer), resolving asks when the customer would be left hanging, agents are told
 * about their own work in structured notifications (no repeats, their own settings, by email in
 * their language), and channels show their health and webhook URLs on the browsed address.
 */
describe("delivery, resolve safety, notifications and channel health", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    // Retries far apart, so a reply waiting for its second attempt can be looked at.
    relais = await startTestRelais({
      RELAIS_DELIVERY_MAX_ATTEMPTS: "8",
      RELAIS_RETRY_BASE_MS: "600000",
      RELAIS_RETRY_MAX_MS: "600000",
    });
    receiver = await startFakeServer();
    receiver.respondWith((request) =>
      request.url === "/down"
        ? { status: 503, body: "maintenance until noon" }
        : request.url === "/refuse"
          ? { status: 422, body: "unknown recipient" }
          : { status: 200, body: {} },
    );
    relay = await startRelay({ user: "relais", pass: "secret" });
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
    await relay?.close();
  });

  /** An account whose API channel posts replies to `/<path>`, with one customer conversation. */
  async function customerConversation(path: string) {
    const owner = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, owner.account.id, {
      outboundUrl: `${receiver.url}/${path}`,
    });
    const api = apiClient(relais.url, owner.token);
    const write = (id: string, text: string) =>
      postSignedHook(relais.url, channel.id, secret, {
        message: { id, text },
        contact: { id: "c-1", name: "Inès Moreau" },
      });
    await write("in-1", "Mon colis n'est jamais arrivé");
    const conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
      { message: "the customer's conversation" },
    );
    const detail = async () =>
      (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data;
    return { ...owner, api, channel, conversation, write, detail };
  }

  it("shows a reply being retried, then one that failed, and tells its author", async () => {
    const c = await customerConversation("down");
    expect((await c.detail()).resolveWarnings).toEqual(["customer_unanswered"]);
    const sent = (
      await c.api.post(`/api/v1/conversations/${c.conversation.id}/messages`, {
        kind: "reply",
        text: "Nous regardons.",
      })
    ).body.data;
    const retrying = await waitFor(
      async () => {
        const message = (await c.detail()).messages.find((m: { id: string }) => m.id === sent.id);
        return message?.delivery?.retry ? message : null;
      },
      { message: "the reply waits for its second attempt" },
    );
    expect(retrying.delivery.status).toBe("queued");
    expect(retrying.delivery.retry).toMatchObject({ attempt: 1, maxAttempts: 8 });
    expect(retrying.delivery.retry.lastError).toContain("maintenance until noon");
    const next = Date.parse(retrying.delivery.retry.nextAttemptAt) - Date.now();
    expect(next).toBeGreaterThan(5 * 60_000);
    expect((await c.detail()).resolveWarnings).toEqual(["last_reply_pending"]);

    // The channel's health keeps the error. Its webhook URL is on RELAIS_PUBLIC_URL when set,
    // else on the address the admin browses (here 127.0.0.1, never a guessed localhost).
    const configured = relais.services.env.RELAIS_PUBLIC_URL;
    relais.services.env.RELAIS_PUBLIC_URL = "https://relais.shop.example";
    const [onPublic] = (await c.api.get("/api/v1/channels")).body.data;
    expect(onPublic.webhookUrl).toBe(`https://relais.shop.example/hooks/${c.channel.id}`);
    relais.services.env.RELAIS_PUBLIC_URL = undefined;
    const channel = await waitFor(
      async () => {
        const [row] = (await c.api.get("/api/v1/channels")).body.data;
        return row.health.lastReceivedAt ? row : null;
      },
      { message: "the channel's last message received" },
    );
    relais.services.env.RELAIS_PUBLIC_URL = configured;
    expect(channel.webhookUrl).toBe(`${relais.url}/hooks/${c.channel.id}`);
    expect(channel.health.lastError).toContain("maintenance until noon");
    expect(Date.parse(channel.health.lastReceivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(channel.health.tokenExpiresAt).toBeNull();

    // A provider's final refusal: failed at once, its author told, resolving asks.
    await c.api.patch(`/api/v1/channels/${c.channel.id}`, {
      config: { outboundUrl: `${receiver.url}/refuse` },
    });
    const refused = (
      await c.api.post(`/api/v1/conversations/${c.conversation.id}/messages`, {
        kind: "reply",
        text: "Pouvez-vous confirmer l'adresse ?",
      })
    ).body.data;
    await waitFor(
      async () =>
        (await c.detail()).messages.find((m: { id: string }) => m.id === refused.id)?.delivery
          .status === "failed",
      { message: "the refused reply is failed" },
    );
    const detail = await c.detail();
    expect(detail.resolveWarnings).toEqual(["last_reply_failed"]);
    const mine = (await c.api.get("/api/v1/notifications")).body.data;
    expect(mine.filter((n: { kind: string }) => n.kind === "reply_failed")).toEqual([
      expect.objectContaining({
        kind: "reply_failed",
        text: null,
        conversationId: c.conversation.id,
        params: { number: c.conversation.number },
      }),
    ]);
  });

  it("tells an agent of a conversation given to them and of the customer's reply, once", async () => {
    const c = await customerConversation("ok");
    const colleague = await createUser(relais.services, c.account.id, "agent");
    const theirs = apiClient(relais.url, colleague.token);
    const assign = (assigneeId: string | null) =>
      c.api.patch(`/api/v1/conversations/${c.conversation.id}`, { assigneeId });
    await assign(colleague.id);
    // Taken back and given again within the window: one notification, not two.
    await assign(null);
    await assign(colleague.id);
    // Assigning oneself tells nobody.
    await c.api.patch(`/api/v1/conversations/${c.conversation.id}`, { assigneeId: c.user.id });
    await assign(colleague.id);

    await c.write("in-2", "Toujours rien reçu !");
    await c.write("in-3", "Allô ?");
    const list = await waitFor(
      async () => {
        const data = (await theirs.get("/api/v1/notifications")).body.data;
        return data.some((n: { kind: string }) => n.kind === "customer_replied") ? data : null;
      },
      { message: "the customer's reply is notified" },
    );
    expect(list.map((n: { kind: string }) => n.kind)).toEqual(["customer_replied", "assigned"]);
    expect(list[1].params).toEqual({ number: c.conversation.number, byName: c.user.name });
    expect(list[0].params).toEqual({ number: c.conversation.number, contactName: "Inès Moreau" });
    const own = (await c.api.get("/api/v1/notifications")).body.data;
    expect(own.filter((n: { kind: string }) => n.kind === "assigned")).toEqual([]);
  });

  it("keeps each agent's settings: a muted kind leaves the bell, an emailed one is sent in their language", async () => {
    const c = await customerConversation("ok");
    await createEmailChannel(relais.services, c.account.id, { smtpUrl: relay.url });
    const colleague = await createUser(relais.services, c.account.id, "agent");
    await relais.services.db
      .updateTable("users")
      .set({ locale: "en" })
      .where("account_id", "=", c.account.id)
      .where("id", "=", colleague.id)
      .execute();
    const theirs = apiClient(relais.url, colleague.token);

    const defaults = (await theirs.get("/api/v1/me/notification-settings")).body.data;
    expect(defaults.emailAvailable).toBe(true);
    expect(defaults.settings).toContainEqual({ kind: "assigned", inApp: true, email: false });
    const saved = await theirs.put("/api/v1/me/notification-settings", {
      settings: [
        { kind: "assigned", inApp: true, email: true },
        { kind: "mention", inApp: false, email: false },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.settings).toContainEqual({ kind: "assigned", inApp: true, email: true });
    const bad = await theirs.put("/api/v1/me/notification-settings", {
      settings: [{ kind: "nonsense", inApp: true, email: true }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBeDefined();
    // One agent's settings are theirs: the admin's are untouched.
    const admins = (await c.api.get("/api/v1/me/notification-settings")).body.data.settings;
    expect(admins).toContainEqual({ kind: "mention", inApp: true, email: false });

    await c.api.post(`/api/v1/conversations/${c.conversation.id}/messages`, {
      kind: "note",
      text: "Regarde ça",
      mentions: [colleague.id],
    });
    await c.api.patch(`/api/v1/conversations/${c.conversation.id}`, {
      assigneeId: colleague.id,
    });
    const mail = await waitFor(() => relay.received.find((m) => m.to.includes(colleague.email)), {
      message: "the assignment is emailed",
    });
    expect(mail.mail.subject).toBe(
      `${c.user.name} assigned conversation #${c.conversation.number} to you`,
    );
    expect(mail.mail.text).toContain(`/inbox/all/${c.conversation.id}`);
    const bell = (await theirs.get("/api/v1/notifications")).body;
    expect(bell.data.map((n: { kind: string }) => n.kind)).toEqual(["assigned"]);
    expect(bell.unread).toBe(1);
    // Only the kind asked for is emailed: the mention was not.
    expect(relay.received.filter((m) => m.to.includes(colleague.email))).toHaveLength(1);
  });

  it("migrates stored sentences into kinds and params", async () => {
    const { account, token } = await createAccount(relais.services);
    await recordEvent(relais.services.db, {
      accountId: account.id,
      name: "notification.created",
      payload: { text: "Low survey score: CES 2/7", changes: ["survey.low_score"] },
    });
    await relais.services.db
      .updateTable("notifications")
      .set({ kind: "other", subject: null })
      .where("account_id", "=", account.id)
      .execute();
    // The migration's backfill, run again over a row stored the old way.
    for (const statement of notificationKinds.statements.slice(2, 5)) {
      const scoped = /\swhere\s/.test(statement) ? "and" : "where";
      await sql
        .raw(`${statement} ${scoped} account_id = '${account.id}'`)
        .execute(relais.services.db);
    }
    const [row] = (await apiClient(relais.url, token).get("/api/v1/notifications")).body.data;
    expect(row).toMatchObject({
      kind: "survey_low_score",
      text: null,
      params: { scores: "CES 2/7" },
    });
  });
});
