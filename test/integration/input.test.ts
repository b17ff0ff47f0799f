import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";

describe("bad input gets a clear 4xx and changes nothing", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let api: ReturnType<typeof apiClient>;
  let conversationId: string;
  let token: string;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_BODY_LIMIT_BYTES: "4096" });
    const created = await createAccount(relais.services);
    token = created.token;
    api = apiClient(relais.url, token);
    const { channel, secret } = await createApiChannel(relais.services, created.account.id);
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "1", text: "Bonjour" },
      contact: { id: "c" },
    });
    conversationId = (await api.get("/api/v1/conversations")).body.data[0].id;
  });
  afterAll(async () => {
    await relais?.stop();
  });

  async function messageCount() {
    return (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data.length;
  }

  it.each([
    ["malformed JSON", "{not json", 400, "invalid_json"],
    ["a wrong type", JSON.stringify({ text: 42, kind: "reply" }), 400, "validation_failed"],
    ["an unknown kind", JSON.stringify({ text: "hi", kind: "shout" }), 400, "validation_failed"],
    [
      "an unknown field",
      JSON.stringify({ text: "hi", kind: "reply", html: "<b>" }),
      400,
      "validation_failed",
    ],
    ["an empty message", JSON.stringify({ text: "   ", kind: "note" }), 400, "validation_failed"],
    [
      "an oversized body",
      JSON.stringify({ text: "x".repeat(10_000), kind: "note" }),
      413,
      "body_too_large",
    ],
  ])("refuses %s", async (_label, body, status, id) => {
    const before = await messageCount();
    const response = await api.call(
      "POST",
      `/api/v1/conversations/${conversationId}/messages`,
      body,
    );
    expect(response.status).toBe(status);
    expect(response.body.error.id).toBe(id);
    expect(typeof response.body.error.message).toBe("string");
    expect(await messageCount()).toBe(before);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await fetch(`${relais.url}/api/v1/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).error.id).toBe("unsupported_media_type");
  });

  it("answers 404 for unknown ids and routes, 400 for malformed ids and queries", async () => {
    expect(
      (await api.get("/api/v1/conversations/00000000-0000-4000-8000-000000000000")).status,
    ).toBe(404);
    const malformed = await api.get("/api/v1/conversations/42");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain("id");
    expect((await api.get("/api/v1/conversations?status=lost")).status).toBe(400);
    expect((await api.get("/api/v1/conversations?limit=5000")).status).toBe(400);
    expect((await api.get("/api/v1/conversations?cursor=garbage")).status).toBe(400);
    const none = await api.get("/api/v1/nothing-here");
    expect(none.status).toBe(404);
    expect(none.body.error.id).toBe("not_found");
  });

  it("refuses a snooze in the past and leaves the conversation as it was", async () => {
    const response = await api.patch(`/api/v1/conversations/${conversationId}`, {
      snoozedUntil: "2020-01-01T00:00:00Z",
      priority: "urgent",
    });
    expect(response.status).toBe(400);
    const after = await api.get(`/api/v1/conversations/${conversationId}`);
    expect(after.body.data.status).toBe("open");
    expect(after.body.data.priority).not.toBe("urgent");
  });

  it("never answers 500 to random garbage", async () => {
    const paths = [
      "/api/v1/conversations",
      "/api/v1/contacts",
      "/api/v1/teams",
      "/api/v1/users",
      "/api/v1/channels",
      "/api/v1/session",
      "/api/v1/setup",
    ];
    const bodies = [
      "",
      "null",
      "[]",
      '"x"',
      "{}",
      '{"a":{"b":[1,2,{"c":null}]}}',
      "\u0000\u0001",
      "{".repeat(500),
    ];
    for (const path of paths) {
      for (const body of bodies) {
        for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
          const response = await api.call(method, path, body);
          const label = `${method} ${path} ${JSON.stringify(body)}`;
          // Signing out ignores its body, so it may well succeed.
          if (!(method === "DELETE" && path === "/api/v1/session")) {
            expect(response.status, label).toBeGreaterThanOrEqual(400);
          }
          expect(response.status, label).toBeLessThan(500);
        }
      }
    }
  });
});
