import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../../test/support/factories.ts";
import { startFakeServer } from "../../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { signPayload } from "../../channels/api/signature.ts";

describe("generic API channel, end to end", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;

  beforeAll(async () => {
    relais = await startTestRelais();
    receiver = await startFakeServer();
  });
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
  });

  it("turns a signed inbound message into a conversation and delivers the reply signed", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id, {
      outboundUrl: `${receiver.url}/out`,
    });
    const api = apiClient(relais.url, token);

    const hook = await postSignedHook(relais.url, channel.id, secret, {
      message: {
        id: "order-1-msg-1",
        text: "Mon colis est arrivé abîmé",
        sentAt: "2026-11-20T10:00:00Z",
      },
      contact: { id: "shop-user-7", name: "Zoé Lambert", email: "zoe@example.fr" },
    });
    expect(hook.status).toBe(200);
    expect(hook.body.data.stored).toBe(1);

    const list = await api.get("/api/v1/conversations");
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const conversation = list.body.data[0];
    expect(conversation.contact.name).toBe("Zoé Lambert");
    expect(conversation.waitingSince).toBe("2026-11-20T10:00:00.000Z");

    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Nous vous renvoyons un colis.",
      kind: "reply",
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.delivery.status).toBe("queued");

    const request = await waitFor(() =>
      receiver.requests.find((r) => r.json?.message?.id === reply.body.data.id),
    );
    expect(request.json.message.text).toBe("Nous vous renvoyons un colis.");
    expect(request.json.contact.id).toBe("shop-user-7");
    const signature = String(request.headers["x-relais-signature"]);
    const timestamp = Number(/t=(\d+)/.exec(signature)?.[1]);
    expect(signature).toBe(signPayload(secret, request.body, new Date(timestamp * 1000)));
    expect(request.headers["idempotency-key"]).toBe(reply.body.data.id);

    const delivered = await waitFor(async () => {
      const messages = await api.get(`/api/v1/conversations/${conversation.id}/messages`);
      const out = messages.body.data.find((m: any) => m.id === reply.body.data.id);
      return out?.delivery.status === "sent" ? out : null;
    });
    expect(delivered.delivery.attempts).toBe(1);
    const after = await api.get(`/api/v1/conversations/${conversation.id}`);
    expect(after.body.data.waitingSince).toBeNull();
    expect(after.body.data.firstResponseAt).not.toBeNull();
  });

  it("refuses a bad or stale signature and stores nothing", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const payload = { message: { id: "x1", text: "hello" }, contact: { id: "c1" } };

    const wrongSecret = await postSignedHook(
      relais.url,
      channel.id,
      "not-the-secret-at-all",
      payload,
    );
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error.id).toBe("unauthorized");

    const stale = await postSignedHook(relais.url, channel.id, secret, payload, {
      at: new Date(Date.now() - 6 * 60_000),
    });
    expect(stale.status).toBe(401);

    const missing = await fetch(`${relais.url}/hooks/${channel.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    expect(missing.status).toBe(401);

    const list = await apiClient(relais.url, token).get("/api/v1/conversations");
    expect(list.body.data).toHaveLength(0);
  });

  it("stores a message delivered twice only once", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const payload = {
      message: { id: "dup-1", text: "Where is my order?" },
      contact: { id: "c-dup" },
    };
    const [first, second] = await Promise.all([
      postSignedHook(relais.url, channel.id, secret, payload),
      postSignedHook(relais.url, channel.id, secret, payload),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.data.stored + second.body.data.stored).toBe(1);
    const third = await postSignedHook(relais.url, channel.id, secret, payload);
    expect(third.body.data.duplicates).toBe(1);

    const api = apiClient(relais.url, token);
    const list = await api.get("/api/v1/conversations");
    expect(list.body.data).toHaveLength(1);
    const detail = await api.get(`/api/v1/conversations/${list.body.data[0].id}`);
    expect(detail.body.data.messages).toHaveLength(1);
  });

  it("answers 400 to a malformed payload and 404 to an unknown channel", async () => {
    const { account } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const bad = await postSignedHook(relais.url, channel.id, secret, {
      message: { text: "no id" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("invalid_payload");
    const unknown = await postSignedHook(
      relais.url,
      "6f1c1f9e-0000-4000-8000-000000000000",
      secret,
      {},
    );
    expect(unknown.status).toBe(404);
  });
});
