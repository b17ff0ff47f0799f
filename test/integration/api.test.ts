import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { snoozeWaker } from "../../src/server/commands/snoozeWaker.ts";
import { apiRoutes } from "../../src/server/routes/api/index.ts";
import { widgetRoutes } from "../../src/server/routes/widget/index.ts";
import { createAccount, createApiChannel, createUser } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";
import { waitFor } from "../support/wait.ts";

describe("the API", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
  });

  async function accountWithConversations(count: number) {
    const created = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, created.account.id);
    for (let index = 0; index < count; index += 1) {
      await postSignedHook(relais.url, channel.id, secret, {
        message: {
          id: `m-${index}`,
          text: `Question ${index}`,
          sentAt: new Date(Date.now() - index * 60_000).toISOString(),
        },
        contact: { id: `c-${index}`, name: `Customer ${index}` },
      });
    }
    return { ...created, channel, secret, api: apiClient(relais.url, created.token) };
  }

  it("answers health and documents every route in OpenAPI", async () => {
    const health = await fetch(`${relais.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const document = (await (await fetch(`${relais.url}/api/v1/openapi.json`)).json()) as any;
    expect(document.openapi).toBe("3.0.3");
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      expect(
        document.paths[path]?.[route.method.toLowerCase()],
        `${route.method} ${route.url}`,
      ).toBeDefined();
    }
    for (const route of widgetRoutes) {
      const operation =
        document.paths[route.url.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(operation?.tags, `${route.method} ${route.url}`).toEqual(["Widget"]);
    }
    expect(document.paths["/widget/{channelId}/messages"].get.security).toEqual([{ visitor: [] }]);
    const reply = document.paths["/api/v1/conversations/{id}/messages"].post;
    expect(reply.requestBody.content["application/json"].schema.properties.kind.enum).toEqual([
      "reply",
      "note",
    ]);
    // "Try it out" calls the origin showing the page; the token is shown as code, not as a tag.
    expect(document.servers[0]).toMatchObject({ url: "/" });
    expect(document.info.description).toContain("`Authorization: Bearer <token>`");
    const docs = await fetch(`${relais.url}/api/v1/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger");
    // Swagger UI's style attributes are allowed; scripts keep their hashes and no attributes.
    const csp = docs.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).toContain("script-src-attr 'none'");
  });

  it("pages through conversations with cursors, newest waiting first, without gaps or repeats", async () => {
    const { api } = await accountWithConversations(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.get(
        `/api/v1/conversations?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((row: any) => row.contact.name));
      expect(page.body.counts).toEqual({ open: 7, pending: 0, snoozed: 0, resolved: 0 });
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => `Customer ${index}`));
    const oldest = await api.get("/api/v1/conversations?sort=waiting_oldest&limit=1");
    expect(oldest.body.data[0].contact.name).toBe("Customer 6");
  });

  it("filters by status, assignee and team, with counts per status", async () => {
    const { api, account } = await accountWithConversations(3);
    const agent = await createUser(relais.services, account.id, "agent");
    const team = (await api.post("/api/v1/teams", { name: "Livraisons", memberIds: [agent.id] }))
      .body.data;
    expect(team).toMatchObject({ memberIds: [agent.id], timeZone: null, businessHours: null });
    const hours = await api.put(`/api/v1/teams/${team.id}/business-hours`, {
      timeZone: "America/Los_Angeles",
      weekly: { mon: [["09:00", "17:00"]] },
    });
    expect(hours.status).toBe(200);
    const reread = (await api.get(`/api/v1/teams/${team.id}`)).body.data;
    expect(reread).toMatchObject({
      timeZone: "America/Los_Angeles",
      businessHours: { mon: [["09:00", "17:00"]] },
    });
    const [first, second] = (await api.get("/api/v1/conversations")).body.data;
    await api.patch(`/api/v1/conversations/${first.id}`, { assigneeId: agent.id, teamId: team.id });
    await api.patch(`/api/v1/conversations/${second.id}`, { status: "resolved" });

    const mine = await apiClient(relais.url, agent.token).get(
      "/api/v1/conversations?assigneeId=me",
    );
    expect(mine.body.data.map((row: any) => row.id)).toEqual([first.id]);
    expect(mine.body.data[0].assignee.id).toBe(agent.id);
    const unassigned = await api.get("/api/v1/conversations?assigneeId=none&status=open");
    expect(unassigned.body.data).toHaveLength(1);
    const byTeam = await api.get(`/api/v1/conversations?teamId=${team.id}`);
    expect(byTeam.body.data.map((row: any) => row.team.name)).toEqual(["Livraisons"]);
    const counts = await apiClient(relais.url, agent.token).get("/api/v1/conversations/counts");
    expect(counts.body.data).toEqual({ mine: 1, unassigned: 1, all: 2, teams: { [team.id]: 1 } });
    const resolved = await api.get("/api/v1/conversations?status=resolved");
    expect(resolved.body.data.map((row: any) => row.id)).toEqual([second.id]);
    expect(resolved.body.data[0].resolvedAt).not.toBeNull();
    expect(resolved.body.counts).toEqual({ open: 2, pending: 0, snoozed: 0, resolved: 1 });
  });

  it("snoozes until a date, then reopens on time or when the customer writes", async () => {
    const { api, channel, secret } = await accountWithConversations(2);
    const [first, second] = (await api.get("/api/v1/conversations")).body.data;
    const soon = new Date(Date.now() + 60_000).toISOString();
    const snoozed = await api.patch(`/api/v1/conversations/${first.id}`, { snoozedUntil: soon });
    expect(snoozed.body.data.status).toBe("snoozed");
    expect(snoozed.body.data.snoozedUntil).toBe(soon);
    await api.patch(`/api/v1/conversations/${second.id}`, { snoozedUntil: soon });

    expect(await snoozeWaker(relais.services.db, new Date(Date.now() + 30_000))).toBe(0);
    // The waker skips a row another transaction holds (the jobs reacting to the snooze may):
    // what it skips, its next round wakes.
    let wokenCount = 0;
    await waitFor(
      async () => {
        wokenCount += await snoozeWaker(relais.services.db, new Date(Date.now() + 120_000));
        return wokenCount >= 2 ? wokenCount : null;
      },
      { message: "both snoozed conversations woken" },
    );
    expect((await api.get(`/api/v1/conversations/${first.id}`)).body.data.status).toBe("open");

    await api.patch(`/api/v1/conversations/${second.id}`, { snoozedUntil: soon });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "again", text: "Any news?" },
      contact: { id: "c-1" },
    });
    const woken = await api.get(`/api/v1/conversations/${second.id}`);
    expect(woken.body.data.status).toBe("open");
    expect(woken.body.data.snoozedUntil).toBeNull();
  });

  it("keeps notes private, marks conversations read, and shows a contact's whole history", async () => {
    const { api, channel, secret } = await accountWithConversations(1);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    expect(conversation.unread).toBe(true);
    const note = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Client VIP",
      kind: "note",
    });
    expect(note.status).toBe(201);
    expect(note.body.data).toMatchObject({
      direction: "note",
      visibility: "private",
      delivery: null,
    });
    // A private note is not an answer: still unread. A reply is: we wrote last, no unread mark.
    const noted = await api.get(`/api/v1/conversations/${conversation.id}`);
    expect(noted.body.data.unread).toBe(true);
    const replied = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Nous regardons.",
    });
    expect(replied.status).toBe(201);
    expect((await api.get(`/api/v1/conversations/${conversation.id}`)).body.data.unread).toBe(
      false,
    );
    const read = await api.post(`/api/v1/conversations/${conversation.id}/read`);
    expect(read.body.data.unread).toBe(false);

    await api.patch(`/api/v1/conversations/${conversation.id}`, { status: "resolved" });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "later", text: "Un autre souci" },
      contact: { id: "c-0", email: "customer0@example.fr" },
    });
    const contact = await api.get(`/api/v1/contacts/${conversation.contact.id}`);
    expect(contact.status).toBe(200);
    expect(contact.body.data.conversations).toHaveLength(2);
    expect(
      contact.body.data.identities.map((identity: any) => `${identity.kind}:${identity.value}`),
    ).toContain("api:c-0");
    const updated = await api.patch(`/api/v1/contacts/${conversation.contact.id}`, {
      notes: "Préfère le téléphone",
      timeZone: "Europe/Paris",
    });
    expect(updated.body.data).toMatchObject({
      notes: "Préfère le téléphone",
      timeZone: "Europe/Paris",
    });
    expect(
      (await api.patch(`/api/v1/contacts/${conversation.contact.id}`, { timeZone: "Mars/Olympus" }))
        .status,
    ).toBe(400);
  });

  it("pushes the account's events to its agents over the WebSocket, and only theirs", async () => {
    const mine = await accountWithConversations(0);
    const other = await accountWithConversations(0);
    const socket = new WebSocket(`${relais.url.replace("http", "ws")}/api/v1/live`, {
      headers: { authorization: `Bearer ${mine.token}` },
    });
    const received: any[] = [];
    socket.on("message", (raw) => received.push(JSON.parse(raw.toString())));
    await waitFor(() => received.some((message) => message.type === "hello"));

    await postSignedHook(relais.url, other.channel.id, other.secret, {
      message: { id: "o", text: "x" },
      contact: { id: "o" },
    });
    const hook = await postSignedHook(relais.url, mine.channel.id, mine.secret, {
      message: { id: "n", text: "y" },
      contact: { id: "n" },
    });
    const created = await waitFor(() =>
      received.find((m) => m.type === "event" && m.event.name === "message.created"),
    );
    expect(created.event.payload.messageId).toBe(hook.body.data.messageIds[0]);
    expect(
      received
        .filter((m) => m.type === "event")
        .every((m) => m.event.accountId === mine.account.id),
    ).toBe(true);
    socket.close();

    const anonymous = new WebSocket(`${relais.url.replace("http", "ws")}/api/v1/live`);
    const code = await new Promise<number>((resolve) =>
      anonymous.on("close", (closeCode) => resolve(closeCode)),
    );
    expect(code).toBe(4401);
  });

  it("creates an API channel whose secret is shown once and never listed", async () => {
    const { api } = await accountWithConversations(0);
    const created = await api.post("/api/v1/channels", {
      kind: "api",
      name: "ERP",
      config: { outboundUrl: "https://erp.example/hook" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.secrets.secret).toEqual(expect.any(String));
    const port = new URL(relais.url).port;
    expect(created.body.data.webhookUrl).toBe(
      `http://localhost:${port}/hooks/${created.body.data.id}`,
    );
    const listed = await api.get("/api/v1/channels");
    expect(JSON.stringify(listed.body)).not.toContain(created.body.data.secrets.secret);
    const row = await relais.services.db
      .selectFrom("channels")
      .select("secrets")
      .where("id", "=", created.body.data.id)
      .executeTakeFirstOrThrow();
    expect(row.secrets).not.toContain(created.body.data.secrets.secret);
    expect(row.secrets).toMatch(/^v1\./);
    const invalid = await api.post("/api/v1/channels", {
      kind: "api",
      name: "Bad",
      config: { outboundUrl: "not a url" },
    });
    expect(invalid.status).toBe(400);
  });

  it("serves the web app with a strict Content-Security-Policy, and routes the app's paths to it", async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "relais-web-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Relais</title>");
    const withWeb = await startTestRelais({}, { webRoot });
    try {
      for (const path of ["/", "/inbox/all", "/settings/channels"]) {
        const response = await fetch(`${withWeb.url}${path}`);
        expect(response.status, path).toBe(200);
        expect(await response.text()).toContain("<title>Relais</title>");
        const policy = response.headers.get("content-security-policy") ?? "";
        expect(policy).toContain("script-src 'self'");
        expect(policy).toContain("frame-ancestors 'none'");
      }
      const api = await fetch(`${withWeb.url}/api/v1/nothing`);
      expect(api.status).toBe(404);
      expect(api.headers.get("content-type")).toContain("application/json");
    } finally {
      await withWeb.stop();
    }
  });

  it("joins the secrets Relais generates with those the admin gives when creating a channel", async () => {
    const { api } = await accountWithConversations(0);
    const created = await api.post("/api/v1/channels", {
      kind: "email",
      name: "Support",
      config: { address: "support@shop.example" },
      secrets: { smtpUrl: "smtp://user:pass@127.0.0.1:2587" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const generatedKeys = Object.keys(created.body.data.secrets ?? {});
    expect(generatedKeys.length).toBeGreaterThan(0);
    expect(generatedKeys).not.toContain("smtpUrl");
    const row = await relais.services.db
      .selectFrom("channels")
      .select("secrets")
      .where("id", "=", created.body.data.id)
      .executeTakeFirstOrThrow();
    const stored = relais.services.secrets.open<Record<string, unknown>>(row.secrets ?? "");
    expect(stored.smtpUrl).toBe("smtp://user:pass@127.0.0.1:2587");
    for (const key of generatedKeys) expect(stored[key]).toBe(created.body.data.secrets[key]);
  });
});
