import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { channelCreator } from "../commands/channelCreator.ts";
import { webhookRegistrar } from "../commands/webhookRegistrar.ts";
import { publicHttpRequest } from "./outboundGuard.ts";

/**
 * A URL checked only when it is saved can change its answer later (DNS rebinding): a name that
 * resolved to a public address when the admin saved it resolves to the server's own network
 * when Relais calls it. Each call to an admin's URL is checked when it connects.
 */
describe("private addresses refused at send time", () => {
  // The installation's default: private addresses not allowed.
  const relais = useTestRelais({
    RELAIS_OUTBOUND_ALLOW_PRIVATE: "false",
    RELAIS_PUBLIC_URL: "https://relais.example",
  });
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    receiver = await startFakeServer();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it("refuses an API channel's callback whose name resolves to loopback now, calling nothing", async () => {
    const { account, token } = await createAccount(relais().services);
    // Saved as if it had passed the check (a public answer then); `localhost` answers loopback now.
    const port = new URL(receiver.url).port;
    const { channel, secret } = await createApiChannel(relais().services, account.id, {
      outboundUrl: `http://localhost:${port}/callback`,
    });
    await postSignedHook(relais().url, channel.id, secret, {
      message: { id: "in-1", text: "Bonjour" },
      contact: { id: "c" },
    });
    const api = apiClient(relais().url, token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data;
    const sent = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Votre colis part demain.",
      kind: "reply",
    });
    expect(sent.status).toBe(201);
    const failed = await waitFor(
      async () => {
        const list = (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body
          .data as Array<{ id: string; delivery: { status: string; error: string | null } }>;
        const found = list.find((m) => m.id === sent.body.data.id);
        return found?.delivery.status === "failed" ? found : null;
      },
      { message: "the reply failed" },
    );
    expect(failed.delivery.error).toMatch(/localhost resolves to .*private or local address/);
    expect(receiver.requests.filter((r) => r.url === "/callback")).toHaveLength(0);
  });

  it("refuses to register a webhook with an API whose name resolves to loopback now", async () => {
    const { account } = await createAccount(relais().services);
    const port = new URL(receiver.url).port;
    const channel = await channelCreator(relais().services.db, relais().services.secrets, {
      accountId: account.id,
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: "370773112", apiUrl: `http://localhost:${port}` },
      secrets: {
        consumerKey: "ck",
        consumerSecret: "cs",
        accessToken: "at",
        accessTokenSecret: "ats",
      },
    });
    await expect(
      webhookRegistrar(relais().services, { accountId: account.id, channelId: channel.id }),
    ).rejects.toThrow(/localhost resolves to .*private or local address/);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a literal private address and the cloud metadata address before connecting", async () => {
    await expect(publicHttpRequest(`${receiver.url}/x`, {}, 2000)).rejects.toThrow(
      /private or local address/,
    );
    await expect(
      publicHttpRequest("http://169.254.169.254/latest/meta-data/", { method: "GET" }, 2000),
    ).rejects.toThrow(/169\.254\.169\.254/);
    expect(receiver.requests.filter((r) => r.url === "/x")).toHaveLength(0);
  });
});
