import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";

describe("triage of inbound messages", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
  });

  async function inbound(
    channelId: string,
    secret: string,
    id: string,
    text: string,
    contact = "c1",
  ) {
    const hook = await postSignedHook(relais.url, channelId, secret, {
      message: { id, text },
      contact: { id: contact },
    });
    expect(hook.status).toBe(200);
  }

  it("fills language, sentiment, category and priority, and agents' corrections teach it", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    const api = apiClient(relais.url, token);

    await inbound(
      channel.id,
      secret,
      "m1",
      "Mon colis est arrivé complètement écrasé, la lampe est cassée. Je suis furieux !!!",
    );
    const triaged = await waitFor(async () => {
      const list = await api.get("/api/v1/conversations");
      const row = list.body.data[0];
      return row?.category ? row : null;
    });
    expect(triaged.language).toBe("fr");
    expect(triaged.sentiment).toBe("negative");
    expect(triaged.category).toBe("delivery.damaged");
    expect(["high", "urgent"]).toContain(triaged.priority);

    const filtered = await api.get(
      "/api/v1/conversations?category=delivery.damaged&sentiment=negative&language=fr",
    );
    expect(filtered.body.data.map((c: any) => c.id)).toEqual([triaged.id]);

    // An agent files a message the model gets wrong; the next similar one follows the correction.
    const odd = "Le widget Zorblax clignote en violet quand je le secoue";
    await inbound(channel.id, secret, "m2", odd, "c2");
    const before = await waitFor(async () => {
      const list = await api.get("/api/v1/conversations?sort=recent");
      const row = list.body.data.find(
        (c: any) => c.contact.name === null && c.id !== triaged.id && c.category,
      );
      return row ?? null;
    });
    const corrected = before.category === "account" ? "billing" : "account";
    const patch = await api.patch(`/api/v1/conversations/${before.id}`, { category: corrected });
    expect(patch.status).toBe(200);
    expect(patch.body.data.category).toBe(corrected);

    await inbound(
      channel.id,
      secret,
      "m3",
      "Le widget Zorblax clignote en violet quand je le secoue !",
      "c3",
    );
    const after = await waitFor(async () => {
      const list = await api.get("/api/v1/conversations?sort=recent&limit=100");
      const row = list.body.data.find(
        (c: any) => c.id !== before.id && c.id !== triaged.id && c.category,
      );
      return row ?? null;
    });
    expect(after.category).toBe(corrected);

    // Triage never overrides what an agent set.
    await inbound(channel.id, secret, "m4", "Merci beaucoup, tout est parfait !", "c2");
    await waitFor(async () => {
      const detail = await api.get(`/api/v1/conversations/${before.id}`);
      return detail.body.data.sentiment === "positive";
    });
    const kept = await api.get(`/api/v1/conversations/${before.id}`);
    expect(kept.body.data.category).toBe(corrected);
  });

  it("refuses an unknown category", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id);
    await inbound(channel.id, secret, "x1", "hello");
    const api = apiClient(relais.url, token);
    const list = await api.get("/api/v1/conversations");
    const response = await api.patch(`/api/v1/conversations/${list.body.data[0].id}`, {
      category: "nonsense",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.id).toBe("validation_failed");
  });
});
