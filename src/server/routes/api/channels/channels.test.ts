import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

describe("/api/v1/channels", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  async function auditActions(accountId: string, channelId: string) {
    const rows = await relais()
      .services.db.selectFrom("audit_log")
      .select(["action", "data"])
      .where("account_id", "=", accountId)
      .where("subject_id", "=", channelId)
      .orderBy("id")
      .execute();
    return rows;
  }

  const inbound = (id: string) => ({ message: { id, text: "Bonjour" }, contact: { id: "c-1" } });

  it("shows a generated secret once, and signs webhooks with it until it is replaced", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const created = await api.post("/api/v1/channels", { kind: "api", name: "Boutique" });
    expect(created.status).toBe(201);
    const channel = created.body.data;
    expect(channel).toMatchObject({ kind: "api", name: "Boutique", disabled: false });
    expect(channel.secrets.secret).toEqual(expect.any(String));
    expect(channel.webhookUrl).toMatch(new RegExp(`/hooks/${channel.id}$`));
    expect((await api.get(`/api/v1/channels/${channel.id}`)).body.data.secrets).toBeUndefined();
    const first = await postSignedHook(
      relais().url,
      channel.id,
      channel.secrets.secret,
      inbound("1"),
    );
    expect(first.status).toBe(200);

    const rotated = await api.post(`/api/v1/channels/${channel.id}/secret`);
    expect(rotated.status).toBe(200);
    const secret = rotated.body.data.secrets.secret;
    expect(secret).not.toBe(channel.secrets.secret);
    const stale = await postSignedHook(
      relais().url,
      channel.id,
      channel.secrets.secret,
      inbound("2"),
    );
    expect(stale.status).toBe(401);
    expect((await postSignedHook(relais().url, channel.id, secret, inbound("3"))).status).toBe(200);

    const given = await api.post("/api/v1/channels", {
      kind: "api",
      name: "Given",
      secrets: { secret: "a-secret-of-my-own-choosing" },
    });
    expect(given.status).toBe(201);
    expect(given.body.data.secrets).toBeUndefined();

    expect((await auditActions(account.id, channel.id)).map((entry) => entry.action)).toEqual([
      "channel.create",
      "channel.rotate_secret",
    ]);
  });

  it("changes a channel with its event and audit entry, and refuses a bad config whole", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const channel = (await api.post("/api/v1/channels", { kind: "api", name: "Shop" })).body.data;

    const bad = await api.patch(`/api/v1/channels/${channel.id}`, {
      name: "Renamed",
      config: { outboundUrl: "not a url" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("validation_failed");
    expect((await api.get(`/api/v1/channels/${channel.id}`)).body.data.name).toBe("Shop");

    const changed = await api.patch(`/api/v1/channels/${channel.id}`, {
      name: "Renamed",
      config: { outboundUrl: "https://shop.example/relais" },
      disabled: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({
      name: "Renamed",
      config: { outboundUrl: "https://shop.example/relais" },
      disabled: true,
    });
    const enabled = await api.patch(`/api/v1/channels/${channel.id}`, { disabled: false });
    expect(enabled.body.data.disabled).toBe(false);

    const audit = await auditActions(account.id, channel.id);
    expect(audit.map((entry) => entry.action)).toEqual([
      "channel.create",
      "channel.update",
      "channel.update",
    ]);
    expect(audit[1]?.data).toEqual({ changes: ["name", "config", "disabled"] });
    const events = await relais()
      .services.db.selectFrom("events")
      .select("name")
      .where("account_id", "=", account.id)
      .where("name", "like", "channel.%")
      .orderBy("id")
      .execute();
    expect(events.map((event) => event.name)).toEqual([
      "channel.created",
      "channel.updated",
      "channel.updated",
    ]);
  });

  it("lets agents see channels, never change them; hides other accounts' channels", async () => {
    const { account, token } = await createAccount(relais().services);
    const channel = (
      await apiClient(relais().url, token).post("/api/v1/channels", { kind: "api", name: "Shop" })
    ).body.data;
    const agent = apiClient(relais().url, (await createUser(relais().services, account.id)).token);
    expect((await agent.get(`/api/v1/channels/${channel.id}`)).status).toBe(200);
    expect((await agent.post("/api/v1/channels", { kind: "api", name: "x" })).status).toBe(403);
    expect((await agent.patch(`/api/v1/channels/${channel.id}`, { name: "x" })).status).toBe(403);
    expect((await agent.post(`/api/v1/channels/${channel.id}/secret`)).status).toBe(403);
    expect((await agent.post(`/api/v1/channels/${channel.id}/webhook-registration`)).status).toBe(
      403,
    );

    const foreign = apiClient(relais().url, (await createAccount(relais().services)).token);
    expect((await foreign.get("/api/v1/channels")).body.data).toEqual([]);
    expect((await foreign.patch(`/api/v1/channels/${channel.id}`, { name: "x" })).status).toBe(404);
    expect((await foreign.get(`/api/v1/channels/${channel.id}/templates`)).status).toBe(404);
  });
});
