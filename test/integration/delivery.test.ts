import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageDeliverer } from "../../src/server/commands/messageDeliverer.ts";
import { createServices } from "../../src/server/runtime.ts";
import { createAccount, createApiChannel } from "../support/factories.ts";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { closeServices, startTestRelais, testDatabase } from "../support/relais.ts";
import { waitFor } from "../support/wait.ts";

describe("outbound delivery through the durable queue", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_DELIVERY_MAX_ATTEMPTS: "3" });
    receiver = await startFakeServer();
  });
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
  });

  /** An account whose API channel posts replies to `/<path>` on the fake receiver. */
  async function conversationPostingTo(path: string) {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id, {
      outboundUrl: `${receiver.url}/${path}`,
    });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "in-1", text: "Bonjour" },
      contact: { id: "c" },
    });
    const api = apiClient(relais.url, token);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    const reply = async (text: string) =>
      (await api.post(`/api/v1/conversations/${conversation.id}/messages`, { text, kind: "reply" }))
        .body.data;
    const message = async (id: string) =>
      (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data.find(
        (m: any) => m.id === id,
      );
    return { api, conversation, reply, message, accountId: account.id };
  }

  const requestsTo = (path: string) =>
    receiver.requests.filter((request) => request.url === `/${path}`);

  it("retries a failing endpoint with backoff until it succeeds, always with the same idempotency key", async () => {
    receiver.respondWith((request) => {
      if (request.url !== "/flaky") return { status: 200, body: {} };
      return requestsTo("flaky").length <= 2
        ? { status: 502, body: "bad gateway" }
        : { status: 200, body: { ok: true } };
    });
    const { reply, message } = await conversationPostingTo("flaky");
    const sent = await reply("Votre colis part demain.");
    const done = await waitFor(async () => {
      const current = await message(sent.id);
      return current.delivery.status === "sent" ? current : null;
    });
    expect(done.delivery.attempts).toBe(3);
    expect(done.delivery.error).toBeNull();
    const attempts = requestsTo("flaky");
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([sent.id]));
  });

  it("marks the message failed with the reason after the last attempt, and retries on request", async () => {
    let healthy = false;
    receiver.respondWith((request) =>
      request.url === "/down" && !healthy
        ? { status: 503, body: "maintenance until noon" }
        : { status: 200, body: {} },
    );
    const { api, conversation, reply, message } = await conversationPostingTo("down");
    const sent = await reply("Hello");
    const failed = await waitFor(async () => {
      const current = await message(sent.id);
      return current.delivery.status === "failed" ? current : null;
    });
    expect(failed.delivery.attempts).toBe(3);
    expect(failed.delivery.error).toContain("503");
    expect(failed.delivery.error).toContain("maintenance until noon");
    expect(requestsTo("down")).toHaveLength(3);

    healthy = true;
    const retry = await api.post(
      `/api/v1/conversations/${conversation.id}/messages/${sent.id}/retry`,
    );
    expect(retry.status).toBe(200);
    const recovered = await waitFor(async () => {
      const current = await message(sent.id);
      return current.delivery.status === "sent" ? current : null;
    });
    expect(recovered.delivery.attempts).toBe(1);
    expect(requestsTo("down")).toHaveLength(4);
    const again = await api.post(
      `/api/v1/conversations/${conversation.id}/messages/${sent.id}/retry`,
    );
    expect(again.status).toBe(422);
  });

  it("waits as long as a 429 asks before trying again, and sends once", async () => {
    receiver.respondWith((request) =>
      request.url === "/limited" && requestsTo("limited").length === 1
        ? { status: 429, headers: { "retry-after": "1" }, body: "slow down" }
        : { status: 200, body: {} },
    );
    const { reply, message } = await conversationPostingTo("limited");
    const sent = await reply("Thanks for waiting");
    await waitFor(async () => (await message(sent.id)).delivery.status === "sent");
    const [first, second] = requestsTo("limited");
    expect(requestsTo("limited")).toHaveLength(2);
    // Retry-After: 1 outweighs the test's 50 ms backoff.
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("does not retry a refusal (4xx) and shows the receiver's reason", async () => {
    receiver.respondWith((request) =>
      request.url === "/refuses"
        ? { status: 422, body: { error: "unknown customer 7" } }
        : { status: 200, body: {} },
    );
    const { reply, message } = await conversationPostingTo("refuses");
    const sent = await reply("Hello");
    const failed = await waitFor(async () => {
      const current = await message(sent.id);
      return current.delivery.status === "failed" ? current : null;
    });
    expect(failed.delivery.attempts).toBe(1);
    expect(failed.delivery.error).toContain("unknown customer 7");
    expect(requestsTo("refuses")).toHaveLength(1);
  });

  it("keeps replies for integrations that pull them when the channel has no outbound URL", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: "p-1", text: "Hello" },
      contact: { id: "c" },
    });
    const api = apiClient(relais.url, token);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    const before = receiver.requests.length;
    const reply = (
      await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
        text: "Pulled",
        kind: "reply",
      })
    ).body.data;
    const sent = await waitFor(async () => {
      const messages = (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body
        .data;
      const message = messages.find((m: any) => m.id === reply.id);
      return message?.delivery.status === "sent" ? message : null;
    });
    expect(sent.metadata.delivery).toBe("pull");
    expect(receiver.requests.length).toBe(before);
  });
  it("never sends one message twice when two workers run its delivery at once", async () => {
    // The first POST waits until the test releases it: the worker that made it is mid-send.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.respondWith(async (request) => {
      if (request.url === "/race" && requestsTo("race").length === 1) await held;
      return { status: 200, body: { ok: true } };
    });
    const { reply, message, accountId } = await conversationPostingTo("race");
    const sent = await reply("Votre remboursement est parti.");
    await waitFor(() => requestsTo("race").length === 1);
    const { delivery_job_id: jobId } = await relais.services.db
      .selectFrom("messages")
      .select("delivery_job_id")
      .where("account_id", "=", accountId)
      .where("id", "=", sent.id)
      .executeTakeFirstOrThrow();
    // Two more workers run the same job at once (a job redelivered while the first still
    // waits for the provider): on PostgreSQL from another connection, on PGlite (one process
    // per data folder) concurrently in this one.
    const other =
      testDatabase() === "postgres" ? await createServices(relais.services.env) : relais.services;
    try {
      const props = { accountId, messageId: sent.id, jobId: jobId ?? "" };
      const racing = await Promise.allSettled([
        messageDeliverer(relais.services, props),
        messageDeliverer(other, props),
      ]);
      expect(racing.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
      expect(requestsTo("race")).toHaveLength(1);
    } finally {
      release();
      if (other !== relais.services) await closeServices(other);
    }
    const done = await waitFor(async () => {
      const current = await message(sent.id);
      return current.delivery.status === "sent" ? current : null;
    });
    expect(done.delivery.attempts).toBe(1);
    expect(requestsTo("race")).toHaveLength(1);
  });
});
