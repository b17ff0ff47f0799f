import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  createApiChannel,
  createUser,
} from "../../../../../test/support/factories.ts";
import { startFakeServer } from "../../../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";

describe("channel acknowledgements: settings and the message the customer receives", {
  timeout: 120_000,
}, () => {
  const relais = useTestRelais();
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    receiver = await startFakeServer();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it("is off by default; supervisors and admins turn it on, agents only read; validated", async () => {
    const { account, token } = await createAccount(relais().services);
    const { channel } = await createApiChannel(relais().services, account.id);
    const api = apiClient(relais().url, token);
    const listed = await api.get("/api/v1/channel-acknowledgements");
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      {
        channelId: channel.id,
        channelName: "Shop",
        channelKind: "api",
        enabled: false,
        // A new account: no answer in the last 7 days, no SLA policy — nothing honest to say.
        estimate: null,
        preview: null,
      },
    ]);

    const agent = await createUser(relais().services, account.id, "agent");
    const asAgent = apiClient(relais().url, agent.token);
    expect((await asAgent.get(`/api/v1/channels/${channel.id}/acknowledgement`)).status).toBe(200);
    const refused = await asAgent.put(`/api/v1/channels/${channel.id}/acknowledgement`, {
      enabled: true,
    });
    expect(refused.status).toBe(403);
    const invalid = await api.put(`/api/v1/channels/${channel.id}/acknowledgement`, {
      enabled: "yes",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.id).toBeTruthy();

    const other = await createAccount(relais().services);
    const theirs = apiClient(relais().url, other.token);
    expect(
      (await theirs.put(`/api/v1/channels/${channel.id}/acknowledgement`, { enabled: true }))
        .status,
    ).toBe(404);

    const supervisor = await createUser(relais().services, account.id, "supervisor");
    const asSupervisor = apiClient(relais().url, supervisor.token);
    const on = await asSupervisor.put(`/api/v1/channels/${channel.id}/acknowledgement`, {
      enabled: true,
    });
    expect(on.status).toBe(200);
    expect(on.body.data.enabled).toBe(true);
    expect(
      (await api.get(`/api/v1/channels/${channel.id}/acknowledgement`)).body.data.enabled,
    ).toBe(true);
  });

  it("acknowledges a new customer's first message on the channel with the computed time, once", async () => {
    const { account, token } = await createAccount(relais().services);
    const { channel, secret } = await createApiChannel(relais().services, account.id, {
      outboundUrl: `${receiver.url}/out/${account.id}`,
    });
    const api = apiClient(relais().url, token);
    await api.post("/api/v1/sla-policies", {
      name: "API",
      match: { channelKinds: ["api"] },
      targets: { firstResponseMinutes: 45 },
      hours: "always",
    });
    const on = await api.put(`/api/v1/channels/${channel.id}/acknowledgement`, { enabled: true });
    // No answer yet in the last 7 days: the SLA policy's first-response target gives the time.
    expect(on.body.data.estimate).toMatchObject({ source: "policy", waitMinutes: 45 });
    expect(on.body.data.preview.fr).toMatch(
      /^Bonjour, nous avons bien reçu votre message\. Un conseiller vous répondra d'ici le .+ \(heure de Paris\)\.$/,
    );
    expect(on.body.data.preview.en).toMatch(/^Hello, we've received your message\./);

    const before = Date.now();
    for (const id of ["m-1", "m-2"]) {
      await postSignedHook(relais().url, channel.id, secret, {
        message: { id: `${id}-${account.id}`, text: "Bonjour, mon colis n'est pas arrivé" },
        contact: { id: `c-${account.id}`, name: "Zoé" },
      });
    }
    const sent = () => receiver.requests.filter((r) => r.url === `/out/${account.id}`);
    const delivered = await waitFor(() => sent()[0], { timeoutMs: 60_000 });
    expect(delivered.json.message.text).toMatch(
      /^Bonjour, nous avons bien reçu votre message\. Un conseiller vous répondra d'ici le /,
    );
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    const row = await waitFor(() =>
      relais()
        .services.db.selectFrom("conversation_acknowledgements")
        .selectAll()
        .where("account_id", "=", account.id)
        .where("conversation_id", "=", conversation.id)
        .executeTakeFirst(),
    );
    // 45 minutes from the message, rounded to the minute the customer reads.
    const expected = new Date(row.expected_at as Date).getTime();
    expect(expected).toBeGreaterThanOrEqual(before + 45 * 60_000 - 60_000);
    expect(expected).toBeLessThanOrEqual(Date.now() + 45 * 60_000);
    // The second message of the same conversation is not acknowledged again.
    const messages = await waitFor(async () => {
      const list = (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body.data;
      return list.filter((m: any) => m.direction === "in").length === 2 ? list : undefined;
    });
    expect(messages.filter((m: any) => m.direction === "out")).toHaveLength(1);
    // Delivered at least once with one idempotency key (a retry after a slow answer reuses it).
    expect(new Set(sent().map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });
});
