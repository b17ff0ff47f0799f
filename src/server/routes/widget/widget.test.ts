import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
} from "./testing.ts";

describe("widget endpoints", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;

  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
  });

  it("serves the loader script to any site", async () => {
    const response = await fetch(`${relais.url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/javascript");
    const code = await response.text();
    expect(code).toContain("attachShadow");
    expect(code.length).toBeGreaterThan(5000);
  });

  it("limits CORS to the channel's allowed origins", async () => {
    const { account } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id, {
      allowedOrigins: "https://shop.example, https://www.shop.example:8443/",
    });
    const preflight = (origin: string) =>
      fetch(`${relais.url}/widget/${channel.id}/session`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("https://www.shop.example:8443");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(
      "https://www.shop.example:8443",
    );
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const foreign = await openWidgetSession(relais.url, channel.id, {}, "https://evil.example");
    expect(foreign.status).toBe(403);
    const sessions = await relais.services.db
      .selectFrom("chat_sessions")
      .select("id")
      .where("channel_id", "=", channel.id)
      .execute();
    expect(sessions).toHaveLength(0);

    const own = await openWidgetSession(relais.url, channel.id, {}, "https://shop.example");
    expect(own.status).toBe(200);
    const socket = await openLiveSocket(
      visitorSocketUrl(relais.url, channel.id, own.body.data.token),
      {
        origin: "https://evil.example",
      },
    );
    expect(await socket.closed).toBe(4403);
  });

  it("answers 404 for a channel that is not a chat, and hides callbacks when the channel turns them off", async () => {
    const { account } = await createAccount(relais.services);
    const { channel } = await createChatChannel(relais.services, account.id, {
      callbackEnabled: false,
    });
    const session = await openWidgetSession(relais.url, channel.id);
    expect(session.body.data.channel.callbackEnabled).toBe(false);
    const slots = await fetch(`${relais.url}/widget/${channel.id}/callback-slots`, {
      headers: { origin: "https://shop.example" },
    });
    expect(slots.status).toBe(404);
    const missing = await openWidgetSession(relais.url, crypto.randomUUID());
    expect(missing.status).toBe(404);
  });
});
