import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmailChannel } from "../../src/server/channels/email/testing/channels.ts";
import { quarantineKeeper } from "../../src/server/commands/quarantineKeeper.ts";
import { apiRoutes } from "../../src/server/routes/api/index.ts";
import { widgetRoutes } from "../../src/server/routes/widget/index.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
  widgetGet,
} from "../../src/server/routes/widget/testing.ts";
import { seedOrder, seedProduct } from "../support/backoffice.ts";
import { createAccount, createApiChannel, createUser } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

/**
 * Every API route, enumerated from the route list: a user of account A asking for any object of
 * account B gets 404, and B's objects never appear in A's lists. A route added without a line
 * here fails this test until it is covered.
 */

/** A valid body for each route that takes one, so that validation passes and the lookup is what answers. */
const BODIES: Record<string, unknown> = {
  "PATCH /api/v1/conversations/:id": { status: "pending" },
  "POST /api/v1/conversations/:id/messages": { text: "hello", kind: "reply" },
  "POST /api/v1/conversations/:id/read": {},
  "POST /api/v1/conversations/:id/messages/:messageId/retry": {},
  "PATCH /api/v1/contacts/:id": { notes: "x" },
  "POST /api/v1/contacts/:id/merge": { sourceId: "00000000-0000-4000-8000-000000000000" },
  "PATCH /api/v1/users/:id": { name: "Renamed" },
  "PATCH /api/v1/teams/:id": { name: "Renamed" },
  "PATCH /api/v1/channels/:id": { name: "Renamed" },
  "POST /api/v1/channels/:id/secret": {},
  "PATCH /api/v1/rules/:id": { enabled: false },
  "POST /api/v1/rules/:id/test": { conversationId: "00000000-0000-4000-8000-000000000000" },
  "PATCH /api/v1/canned-replies/:id": { title: "Renamed" },
  "POST /api/v1/canned-replies/:id/render": {
    conversationId: "00000000-0000-4000-8000-000000000000",
  },
  "PATCH /api/v1/teams/:id/assignment": { mode: "round_robin" },
  "PATCH /api/v1/callbacks/:id": { status: "cancelled" },
  "PUT /api/v1/teams/:id/business-hours": { timeZone: "Europe/Paris", weekly: {} },
  "POST /api/v1/conversations/:id/call-notes": {
    callId: "00000000-0000-4000-8000-000000000000",
    text: "x",
  },
  "POST /api/v1/conversations/:id/typing": {},
  "PATCH /api/v1/sla-policies/:id": { name: "Renamed" },
  "PUT /api/v1/teams/:id/holidays": [{ date: "2026-12-25", name: "Noël" }],
  "POST /api/v1/promises/:id/keep": {},
  "POST /api/v1/promises/:id/reschedule": { dueAt: "2030-01-01T10:00:00Z" },
  "POST /api/v1/email-quarantine/:id/assign": { email: "someone@example.fr" },
  "POST /api/v1/conversations/:id/actions": {
    type: "refund",
    orderId: "00000000-0000-4000-8000-000000000000",
    amount: 1,
    reason: "x",
    idempotencyKey: "tenancy",
  },
  "POST /api/v1/approvals/:id/approve": {},
  "POST /api/v1/approvals/:id/reject": {},
  "POST /api/v1/conversations/:id/next-step/preview": {
    text: "x",
    dueAt: "2030-01-01T10:00:00Z",
  },
  "PATCH /api/v1/report-schedules/:id": { time: "09:00" },
  "POST /api/v1/contacts/:id/duplicates/dismiss": {
    contactId: "00000000-0000-4000-8000-000000000000",
  },
  "PUT /api/v1/channels/:id/acknowledgement": { enabled: true },
  "PATCH /api/v1/labels/:id": { name: "Renamed" },
  "POST /api/v1/conversations/:id/merge": { sourceId: "00000000-0000-4000-8000-000000000000" },
  "PATCH /api/v1/ideas/:id": { title: "Renamed" },
  "POST /api/v1/ideas/:id/links": { conversationId: "00000000-0000-4000-8000-000000000000" },
  "POST /api/v1/ideas/:id/merge": { intoId: "00000000-0000-4000-8000-000000000000" },
  "POST /api/v1/ideas/:id/status-preview": { status: "shipped" },
  "POST /api/v1/conversations/:id/story": { title: "Histoire" },
  "PATCH /api/v1/articles/:id": { title: "Renamed" },
  "POST /api/v1/conversations/:id/spam": { blockSender: true },
  "PATCH /api/v1/listening/queries/:id": { name: "Renamed" },
};

describe("tenant isolation on every route", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let ids: Record<string, string>;
  let tokenA: string;
  let bNames: string[];

  beforeAll(async () => {
    relais = await startTestRelais();
    const a = await createAccount(relais.services);
    tokenA = a.token;
    const b = await createAccount(relais.services);
    const bAgent = await createUser(relais.services, b.account.id, "agent");
    const { channel, secret } = await createApiChannel(relais.services, b.account.id);
    const hook = await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "b-1", text: "Secret de B" },
      contact: { id: "b-customer", name: "Client De B", email: "client@b.example" },
    });
    const messageId = hook.body.data.messageIds[0];
    const apiB = apiClient(relais.url, b.token);
    const conversation = (await apiB.get("/api/v1/conversations")).body.data[0];
    const team = (await apiB.post("/api/v1/teams", { name: "Équipe B" })).body.data;
    const token = (await apiB.post("/api/v1/tokens", { name: "b-token" })).body.data;
    const rule = (
      await apiB.post("/api/v1/rules", {
        name: "Règle B",
        trigger: "message.received",
        actions: [{ type: "add_label", label: "b" }],
      })
    ).body.data;
    const reply = (
      await apiB.post("/api/v1/canned-replies", {
        shortcut: "b-reply",
        title: "Réponse B",
        bodyFr: "Texte de B",
      })
    ).body.data;
    const slot = (await apiB.get("/api/v1/callback-slots?days=14")).body.data[0];
    const callback = await apiB.post("/api/v1/callbacks", {
      conversationId: conversation.id,
      scheduledAt: slot.start,
      phone: "+33612345678",
      notifyCustomer: false,
    });
    expect(callback.status, JSON.stringify(callback.body)).toBe(201);
    const attachment = await relais.services.db
      .insertInto("attachments")
      .values({
        account_id: b.account.id,
        filename: "b.txt",
        content_type: "text/plain",
        size: 1,
        content: Buffer.from("b"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mailbox = await createEmailChannel(relais.services, b.account.id);
    const quarantined = await quarantineKeeper(relais.services.db, mailbox.channel, {
      type: "quarantine",
      externalId: "<b-quarantined@example.fr>",
      reason: "no sender address",
      raw: Buffer.from("From: Client De B\r\n\r\nSecret de B\r\n"),
      from: "Client De B",
      subject: "Secret de B",
      text: "Secret de B",
    });
    const order = await seedOrder(relais.services, b.account.id, {
      number: "B-ORDER-1",
      email: "client@b.example",
      sku: "B-SKU",
    });
    await seedProduct(relais.services, b.account.id, { sku: "B-SKU", stock: 3 });
    await apiB.put("/api/v1/authority-limits", {
      agent: { refund: { perAction: 0, perDay: 0 } },
    });
    const pendingAction = await apiClient(relais.url, bAgent.token).post(
      `/api/v1/conversations/${conversation.id}/actions`,
      { type: "refund", orderId: order.id, amount: 5, reason: "B", idempotencyKey: "b-1" },
    );
    expect(pendingAction.body.data.status).toBe("pending_approval");
    const [approval] = (await apiB.get("/api/v1/approvals?status=pending")).body.data;
    const policy = (
      await apiB.post("/api/v1/sla-policies", {
        name: "Politique B",
        targets: { firstResponseMinutes: 60 },
      })
    ).body.data;
    const promise = await relais.services.db
      .insertInto("promises")
      .values({
        account_id: b.account.id,
        conversation_id: conversation.id,
        text: "Secret de B",
        due_at: new Date("2030-01-01T10:00:00Z"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const schedule = (
      await apiB.post("/api/v1/report-schedules", {
        report: "overview",
        cadence: "daily",
        time: "08:00",
        timeZone: "Europe/Paris",
        emails: ["direction-b@b.example"],
        locale: "fr",
      })
    ).body.data;
    const contactMerge = await relais.services.db
      .insertInto("contact_merges")
      .values({
        account_id: b.account.id,
        target_id: conversation.contact.id,
        source_id: "00000000-0000-4000-8000-000000000001",
        source: "{}",
        target_before: "{}",
        target_after: "{}",
        moved: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const label = (await apiB.post("/api/v1/labels", { name: "Étiquette B", colour: "red" })).body
      .data;
    await apiB.patch(`/api/v1/conversations/${conversation.id}`, { labels: ["Étiquette B"] });
    const idea = (
      await apiB.post("/api/v1/ideas", {
        title: "Idée de B",
        public: true,
        conversationId: conversation.id,
      })
    ).body.data;
    const story = (
      await apiB.post(`/api/v1/conversations/${conversation.id}/story`, { title: "Histoire de B" })
    ).body.data;
    const category = (
      await apiB.post("/api/v1/article-categories", { name: { fr: "Rubrique B", en: "Topic B" } })
    ).body.data;
    const article = (
      await apiB.post("/api/v1/articles", {
        locale: "fr",
        title: "Article secret de B",
        categoryId: category.id,
        status: "published",
      })
    ).body.data;
    const listening = await relais.services.db
      .insertInto("listening_queries")
      .values({
        account_id: b.account.id,
        name: "Veille B",
        terms: ["b"],
        channel_ids: [channel.id],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mention = await relais.services.db
      .insertInto("mentions")
      .values({
        account_id: b.account.id,
        network: "x",
        external_id: "b-post",
        channel_id: channel.id,
        text: "Secret de B",
        language: "fr",
        sentiment: "neutral",
        category: "other",
        author_id: "b-author",
        posted_at: new Date(),
        inbound: JSON.stringify({ externalId: "b-post", text: "Secret de B" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await relais.services.db
      .insertInto("listening_query_mentions")
      .values({
        account_id: b.account.id,
        query_id: listening.id,
        mention_id: mention.id,
        posted_at: new Date(),
        sentiment: "neutral",
      })
      .execute();
    ids = {
      orders: order.id,
      approvals: approval.id,
      products: "B-SKU",
      "sla-policies": policy.id,
      promises: promise.id,
      "email-quarantine": quarantined ?? "",
      conversations: conversation.id,
      contacts: conversation.contact.id,
      users: bAgent.id,
      teams: team.id,
      channels: channel.id,
      tokens: token.id,
      attachments: attachment.id,
      rules: rule.id,
      "canned-replies": reply.id,
      callbacks: callback.body.data.id,
      messageId,
      "report-schedules": schedule.id,
      "contact-merges": contactMerge.id,
      labels: label.id,
      ideas: idea.id,
      stories: story.id,
      articles: article.id,
      "article-categories": category.id,
      listening: listening.id,
      mentions: mention.id,
    };
    bNames = [
      "Client De B",
      "Équipe B",
      bAgent.email,
      "Shop",
      "b-token",
      "Secret de B",
      "Règle B",
      "Réponse B",
      "+33612345678",
      "B-ORDER-1",
      "direction-b@b.example",
      "Étiquette B",
      "Idée de B",
      "Histoire de B",
      "Article secret de B",
      "Rubrique B",
      "Veille B",
    ];
  }, 300_000);
  afterAll(async () => {
    await relais?.stop();
  });

  it("answers 404 for account B's objects on every route with an id", async () => {
    const api = apiClient(relais.url, tokenA);
    const withIds = apiRoutes.filter((route) => route.auth === "user" && route.url.includes(":"));
    expect(withIds.length).toBeGreaterThan(15);
    for (const route of withIds) {
      const resource = route.url.split("/")[3] ?? "";
      const path = route.url
        .replace(":messageId", ids.messageId ?? "")
        .replace(":sku", ids[resource] ?? "")
        .replace(":id", ids[resource] ?? "");
      expect(path, `no object of account B for ${route.url}`).not.toContain(":");
      const key = `${route.method} ${route.url}`;
      const needsBody = route.body !== undefined;
      if (needsBody)
        expect(Object.keys(BODIES), `add a valid body for ${key} to this test`).toContain(key);
      const response = await api.call(route.method, path, needsBody ? BODIES[key] : undefined);
      expect(response.status, `${key} must not reveal account B's objects`).toBe(404);
      expect(response.body.error.id).toBe("not_found");
    }
  });

  it("never lists account B's objects to account A", async () => {
    const api = apiClient(relais.url, tokenA);
    const lists = apiRoutes.filter(
      (route) => route.auth === "user" && route.method === "GET" && !route.url.includes(":"),
    );
    expect(lists.length).toBeGreaterThan(5);
    for (const route of lists) {
      const response = await api.get(route.url);
      expect(response.status, route.url).toBe(200);
      const text = JSON.stringify(response.body);
      for (const name of bNames) expect(text, `${route.url} leaks "${name}"`).not.toContain(name);
      for (const id of Object.values(ids))
        expect(text, `${route.url} leaks an id of B`).not.toContain(id);
    }
    const search = await api.get("/api/v1/conversations?q=secret");
    expect(search.body.data).toHaveLength(0);
    const labelled = await api.get(
      `/api/v1/conversations?label=${encodeURIComponent("Étiquette B")}`,
    );
    expect(labelled.body.data).toHaveLength(0);
    const contacts = await api.get("/api/v1/contacts?q=client");
    expect(contacts.body.data).toHaveLength(0);
  });

  it("refuses to assign a conversation to a user or team of another account", async () => {
    const a = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, a.account.id);
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "a-1", text: "Bonjour" },
      contact: { id: "a-c" },
    });
    const api = apiClient(relais.url, a.token);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    const toForeignUser = await api.patch(`/api/v1/conversations/${conversation.id}`, {
      assigneeId: ids.users,
    });
    expect(toForeignUser.status).toBe(404);
    const toForeignTeam = await api.patch(`/api/v1/conversations/${conversation.id}`, {
      teamId: ids.teams,
    });
    expect(toForeignTeam.status).toBe(404);
    const unchanged = await api.get(`/api/v1/conversations/${conversation.id}`);
    expect(unchanged.body.data.assignee).toBeNull();
    expect(unchanged.body.data.team).toBeNull();
  });

  it("previews a delay over account A's orders only", async () => {
    const api = apiClient(relais.url, tokenA);
    const preview = await api.post("/api/v1/delays/preview", {
      sku: "B-SKU",
      orderNumbers: ["B-ORDER-1"],
      newExpectedDelivery: "2030-01-10",
      reason: "x",
    });
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ affectedOrders: 0, recipients: [], skipped: [] });
    const text = JSON.stringify(preview.body.data.recipients);
    for (const name of bNames) expect(text).not.toContain(name);
  });

  it("keeps a widget visitor inside their own account's chat, on every visitor route and the socket", async () => {
    const a = await createAccount(relais.services);
    const b = await createAccount(relais.services);
    const chatA = (await createChatChannel(relais.services, a.account.id)).channel;
    const chatB = (await createChatChannel(relais.services, b.account.id)).channel;
    // B's visitor writes, so B's chat holds a conversation and a message.
    const visitorB = (await openWidgetSession(relais.url, chatB.id, { name: "Visiteur De B" })).body
      .data.token;
    const socketB = await openLiveSocket(visitorSocketUrl(relais.url, chatB.id, visitorB), {
      origin: "https://shop.example",
    });
    await socketB.next((frame) => frame.type === "hello");
    socketB.send({ type: "message", clientId: "b-widget-1", text: "Secret widget de B" });
    const stored = await socketB.next((frame) => frame.type === "stored");
    socketB.close();
    const conversationB = stored.message.conversationId as string;
    const visitorA = (await openWidgetSession(relais.url, chatA.id)).body.data.token;

    const BODIES_WIDGET: Record<string, unknown> = {
      "POST /widget/:channelId/email": { email: "a@example.fr" },
      "POST /widget/:channelId/callbacks": {
        clientId: "tenancy-1",
        phone: "+33612345678",
        at: "2030-01-07T10:00:00Z",
        timeZone: "Europe/Paris",
      },
      "POST /widget/:channelId/article-views": {
        articleId: "00000000-0000-4000-8000-000000000000",
      },
    };
    const visitorRoutes = widgetRoutes.filter((route) => route.auth === "visitor");
    expect(visitorRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of visitorRoutes) {
      const key = `${route.method} ${route.url}`;
      if (route.body) expect(Object.keys(BODIES_WIDGET), `add a body for ${key}`).toContain(key);
      const response = await fetch(`${relais.url}${route.url.replace(":channelId", chatB.id)}`, {
        method: route.method,
        headers: {
          authorization: `Bearer ${visitorA}`,
          origin: "https://shop.example",
          ...(route.body ? { "content-type": "application/json" } : {}),
        },
        body: route.body ? JSON.stringify(BODIES_WIDGET[key]) : undefined,
      });
      expect(response.status, `${key}: A's visitor token on B's chat`).toBe(401);
      expect(await response.text()).not.toContain("Secret widget de B");
    }
    // A's own history and a session resumed with B's token on A's chat show nothing of B.
    const history = await widgetGet(relais.url, chatA.id, "/messages", visitorA);
    expect(history.status).toBe(200);
    expect(history.body.data.messages).toEqual([]);
    const resumed = await openWidgetSession(relais.url, chatA.id, { token: visitorB });
    expect(resumed.status).toBe(200);
    expect(resumed.body.data.conversationId).toBeNull();
    expect(resumed.body.data.token).not.toBe(visitorB);
    // The socket: A's token on B's chat is an unknown session.
    const socketA = await openLiveSocket(visitorSocketUrl(relais.url, chatB.id, visitorA), {
      origin: "https://shop.example",
    });
    expect(await socketA.closed).toBe(4401);
    const messagesOfB = await relais.services.db
      .selectFrom("messages")
      .select("id")
      .where("account_id", "=", b.account.id)
      .where("conversation_id", "=", conversationB)
      .execute();
    expect(messagesOfB).toHaveLength(1);
  });
});
