import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { smtpReceiverPort } from "../../src/server/channels/email/smtpReceiver.ts";
import {
  createEmailChannel,
  deliverRaw,
} from "../../src/server/channels/email/testing/channels.ts";
import { apiRoutes } from "../../src/server/routes/api/index.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  widgetPost,
} from "../../src/server/routes/widget/testing.ts";
import { createAccount, createApiChannel, TEST_PASSWORD } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { useTestRelais } from "../support/useRelais.ts";
import { waitFor } from "../support/wait.ts";

const NUL = "\u0000";

/**
 * PostgreSQL refuses U+0000 in text and JSON, so a NUL anywhere in a request used to reach the
 * database and answer 500. It is stripped once, at the edge, and the rest is stored.
 */
describe("a NUL character never gives 500", () => {
  const relais = useTestRelais();

  async function setup() {
    const { services, url } = relais();
    const { account, token, user } = await createAccount(services);
    const api = apiClient(url, token);
    const { channel, secret } = await createApiChannel(services, account.id);
    const hook = await postSignedHook(url, channel.id, secret, {
      message: { id: `m-${Date.now()}`, text: "Bonjour" },
      contact: { id: "c1" },
    });
    expect(hook.status).toBe(200);
    const conversationId = (await api.get("/api/v1/conversations")).body.data[0].id as string;
    return { services, url, account, user, api, channel, secret, conversationId };
  }

  it("strips it from API bodies and queries, on every kind of route, and keeps the rest", async () => {
    const { api, conversationId, user } = await setup();
    const requests: [string, string, unknown][] = [
      [
        "POST",
        `/api/v1/conversations/${conversationId}/messages`,
        { text: `a${NUL}b`, kind: "note" },
      ],
      ["PATCH", `/api/v1/users/${user.id}`, { name: `Ann${NUL}e` }],
      ["POST", "/api/v1/teams", { name: `Équipe${NUL} A` }],
      ["POST", "/api/v1/canned-replies", { shortcut: `hi${NUL}x`, text: `Bonjour${NUL}` }],
      ["GET", `/api/v1/conversations?q=${encodeURIComponent(NUL)}`, undefined],
      ["GET", `/api/v1/contacts?q=a${encodeURIComponent(NUL)}b`, undefined],
      ["GET", `/api/v1/conversations?cursor=${encodeURIComponent(NUL)}`, undefined],
    ];
    for (const [method, path, body] of requests) {
      const response = await api.call(method, path, body);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
    const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data;
    expect(messages.map((m: { text: string }) => m.text)).toContain("ab");
    const me = (await api.get(`/api/v1/users/${user.id}`)).body.data;
    expect(me.name).toBe("Anne");
  });

  it("answers a sign-in attempt with a NUL like any wrong password", async () => {
    const { url } = await setup();
    const api = apiClient(url);
    const response = await api.post("/api/v1/session", {
      email: `x${NUL}@example.test`,
      password: `p${NUL}`,
    });
    expect(response.status).toBe(401);
  });

  it("stores a signed webhook's message without the NUL, and acknowledges it", async () => {
    const { url, channel, secret, api } = await setup();
    const hook = await postSignedHook(url, channel.id, secret, {
      message: { id: `nul-${Date.now()}`, text: `Colis${NUL} abîmé` },
      contact: { id: `c${NUL}2`, name: `Zo${NUL}é` },
    });
    expect(hook.status).toBe(200);
    const list = (await api.get("/api/v1/conversations")).body.data;
    const texts = await Promise.all(
      list.map(
        async (c: { id: string }) =>
          (await api.get(`/api/v1/conversations/${c.id}/messages`)).body.data,
      ),
    );
    expect(texts.flat().map((m: { text: string }) => m.text)).toContain("Colis abîmé");
  });

  it("refuses a webhook whose sentAt is year 0, and a callback query from year 0, with 400", async () => {
    const { url, channel, secret, api } = await setup();
    const hook = await postSignedHook(url, channel.id, secret, {
      message: { id: `y0-${Date.now()}`, text: "old", sentAt: "0000-01-01T00:00:00Z" },
      contact: { id: "c3" },
    });
    expect(hook.status).toBe(400);
    const callbacks = await api.get("/api/v1/callbacks?from=0000-01-01T00:00:00Z");
    expect(callbacks.status).toBe(400);
  });

  it("refuses malformed cursors with 400 on every paginated list", async () => {
    const { api } = await setup();
    const bad = [
      "garbage",
      Buffer.from("[]").toString("base64url"),
      Buffer.from('[1e400,"x"]').toString("base64url"),
      Buffer.from('["0000-01-01","x"]').toString("base64url"),
      Buffer.from(`[1,"${NUL}"]`).toString("base64url"),
      Buffer.from('{"a":1}').toString("base64url"),
    ];
    for (const path of ["/api/v1/conversations", "/api/v1/contacts", "/api/v1/notifications"]) {
      for (const cursor of bad) {
        const response = await api.get(`${path}?cursor=${cursor}`);
        expect(response.status, `${path} ${cursor}`).toBe(400);
      }
    }
  });

  it("strips it from the widget's anonymous endpoints", async () => {
    const { services, url, account } = await setup();
    const { channel } = await createChatChannel(services, account.id);
    const session = await openWidgetSession(url, channel.id, {
      name: `Vis${NUL}itor`,
      locale: `fr${NUL}`,
    });
    expect(session.status).toBe(200);
    const email = await widgetPost(url, channel.id, "/email", session.body.data.token, {
      email: `visitor${NUL}@example.test`,
    });
    expect(email.status).toBeLessThan(500);
    expect(email.body.data?.email).toBe("visitor@example.test");
  });

  it("sweeps every API route with NUL in its body, query and path: never 500", async () => {
    const { api, conversationId } = await setup();
    const body = {
      name: `a${NUL}`,
      text: `b${NUL}`,
      email: `c${NUL}@example.test`,
      subject: `d${NUL}`,
      note: `e${NUL}`,
      [`k${NUL}`]: NUL,
    };
    const failures: string[] = [];
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, (_all, name: string) =>
        name === "id" ? conversationId : randomUUID(),
      );
      const query = `?q=${encodeURIComponent(NUL)}&from=${encodeURIComponent(NUL)}`;
      const response = await api.call(
        route.method,
        `${path}${query}`,
        route.method === "GET" || route.method === "DELETE" ? undefined : body,
      );
      if (response.status >= 500) failures.push(`${route.method} ${route.url}: ${response.status}`);
      const inPath = await api.call("GET", `${route.url.replace(/:(\w+)/g, "x%00")}`);
      if (inPath.status >= 500) failures.push(`path NUL ${route.url}: ${inPath.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("stores a mail with a NUL received by SMTP, without the NUL (no 451)", async () => {
    const { services, account, api } = await setup();
    const { address } = await createEmailChannel(services, account.id);
    const port = smtpReceiverPort(services);
    if (!port) throw new Error("the SMTP receiver did not start");
    const raw = Buffer.from(
      [
        "From: Lou <lou@example.net>",
        `To: ${address}`,
        `Subject: Colis${NUL} perdu`,
        `Message-ID: <${randomUUID()}@example.net>`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        `Mon colis${NUL} n'est jamais arrivé.`,
        "",
      ].join("\r\n"),
    );
    await deliverRaw(port, raw, { from: "lou@example.net", to: [address] });
    const found = await waitFor(async () => {
      const list = (await api.get("/api/v1/conversations?status=open,pending")).body.data;
      return list.find((c: { subject: string }) => c.subject === "Colis perdu");
    });
    const messages = (await api.get(`/api/v1/conversations/${found.id}/messages`)).body.data;
    expect(messages[0].text).toContain("Mon colis n'est jamais arrivé.");
  });

  it("closes an agent's socket with Origin: null cleanly", async () => {
    const { url, user, services } = await setup();
    const signIn = await fetch(`${url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const live = `${url.replace(/^http/, "ws")}/api/v1/live`;
    const refused = await openLiveSocket(live, { cookie, origin: "null" });
    expect(await refused.closed).toBe(4401);
    // A token does not depend on the page it comes from: Origin: null changes nothing for it.
    const { token } = await createAccount(services);
    const integration = await openLiveSocket(live, {
      authorization: `Bearer ${token}`,
      origin: "null",
    });
    await integration.next((frame) => frame.type === "hello");
    integration.close();
  });
});
