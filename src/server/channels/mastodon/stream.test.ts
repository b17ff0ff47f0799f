import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MastodonAccount } from "../../../../test/fakes/mastodon.ts";
import { remoteAccount } from "../../../../test/fakes/mastodon.ts";
import { startMastodonStreamingFake } from "../../../../test/fakes/mastodonStreaming.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais, testEnv } from "../../../../test/support/relais.ts";
import { completedPolls } from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TConversation, TMessage } from "../../../shared/schemas.ts";
import { type RunningRelais, startRelais } from "../../runtime.ts";
import type { Services } from "../../services.ts";
import { streamIsLive } from "./streamLease.ts";

const TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
const BRAND: MastodonAccount = {
  id: "1",
  username: "maisonlumiere",
  acct: "maisonlumiere",
  display_name: "Maison Lumière",
  avatar: "https://social.example/avatars/brand.png",
  followers_count: 5300,
  url: "https://social.example/@maisonlumiere",
};
const LEA = remoteAccount({ username: "lea", domain: "piaille.fr", display_name: "Léa Garnier" });

type Fake = Awaited<ReturnType<typeof startMastodonStreamingFake>>;
const fakes: Fake[] = [];

async function startFake(): Promise<Fake> {
  const fake = await startMastodonStreamingFake({ accessToken: TOKEN, brand: BRAND });
  fakes.push(fake);
  return fake;
}

/** The notification polls the fake received (the periodic poll and the stream's catch-ups). */
function polls(fake: Fake, from = 0) {
  return fake.requests
    .slice(from)
    .filter((r) => r.method === "GET" && r.url.startsWith("/api/v1/notifications"))
    .map((r) => new URL(r.url, fake.url).searchParams.get("min_id"));
}

/** A fresh account with a Mastodon channel on `fake`, and ways to look at what it stored. */
async function channelOn(services: Services, url: string, fake: Fake, pollSeconds: number) {
  const { token } = await createAccount(services);
  const api = apiClient(url, token);
  const created = await api.post("/api/v1/channels", {
    kind: "mastodon",
    name: "@maisonlumiere",
    config: { instanceUrl: fake.url, pollSeconds },
    secrets: { accessToken: TOKEN },
  });
  expect(created.status).toBe(201);
  const channelId: string = created.body.data.id;
  return { token, channelId, ...viewsOf(services, apiClient(url, token), channelId) };
}

function viewsOf(services: Services, api: ReturnType<typeof apiClient>, channelId: string) {
  const all = async (): Promise<TMessage[]> => {
    const conversations: TConversation[] = (await api.get("/api/v1/conversations")).body.data;
    const lists = await Promise.all(
      conversations.map(
        async (c) => (await api.get(`/api/v1/conversations/${c.id}/messages`)).body.data,
      ),
    );
    return lists.flat();
  };
  const state = async () =>
    (
      await services.db
        .selectFrom("channels")
        .select("state")
        .where("id", "=", channelId)
        .executeTakeFirstOrThrow()
    ).state;
  return {
    all,
    state,
    /** The message stored for a status, once there is one. */
    stored: (statusId: string, timeoutMs = 10_000) =>
      waitFor(async () => (await all()).find((m) => m.externalId === statusId), {
        timeoutMs,
        message: `status ${statusId} stored`,
      }),
    /** Waits until a stream covers the channel (connected, caught up, lease written). */
    live: () => waitFor(async () => streamIsLive(await state()), { message: "stream live" }),
  };
}

describe("Mastodon streaming", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const setup = async (options: { pollSeconds?: number; health?: [number, string] } = {}) => {
    const fake = await startFake();
    if (options.health) fake.setHealth(...options.health);
    const channel = await channelOn(relais.services, relais.url, fake, options.pollSeconds ?? 3600);
    return { fake, ...channel };
  };

  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
    for (const fake of fakes) await fake.close();
  });

  it("stores a mention pushed on the stream within a second, without a poll", async () => {
    // Polling every second: while the stream is live, the periodic poll is skipped.
    const ctx = await setup({ pollSeconds: 1 });
    await ctx.live();
    const upgrade = ctx.fake.upgrades.find((u) => u.status === 101)!;
    expect(upgrade.url).toBe("/api/v1/streaming?stream=user");
    expect(upgrade.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // A first mention warms the process up: triage loads its language models once, and that
    // blocks this process (Relais and the test share it) for a moment.
    const warmUp = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere bonjour</p>" });
    await ctx.stored(warmUp.id);
    await waitFor(async () => {
      const conversation = await relais.services.db
        .selectFrom("conversations")
        .select("triaged_at")
        .where("channel_id", "=", ctx.channelId)
        .executeTakeFirst();
      return conversation?.triaged_at;
    });
    const pollsBefore = polls(ctx.fake).length;

    const started = Date.now();
    const status = ctx.fake.mention(LEA, {
      html: '<p><span class="h-card"><a href="https://social.example/@maisonlumiere" class="u-url mention">@<span>maisonlumiere</span></a></span> ma lampe <strong>clignote</strong><script>alert(1)</script></p>',
    });
    const message = await ctx.stored(status.id);
    // When it was stored (its event's time), not when this busy process got to look at it.
    const event = await relais.services.db
      .selectFrom("events")
      .select("created_at")
      .where("name", "=", "message.created")
      .where(sql<boolean>`payload->>'messageId' = ${message.id}`)
      .executeTakeFirstOrThrow();
    expect(new Date(event.created_at).getTime() - started).toBeLessThan(1_000);
    expect(message.text).toBe("@maisonlumiere ma lampe clignote");
    expect(message.visibility).toBe("public");
    // Two periodic polls have run since (every second) and neither called the instance.
    const ran = await completedPolls(relais, ctx.channelId);
    await waitFor(async () => (await completedPolls(relais, ctx.channelId)) >= ran + 2, {
      message: "two periodic polls run",
    });
    expect(polls(ctx.fake)).toHaveLength(pollsBefore);
    // The cursor follows the stream, so a restart resumes after this notification.
    const lastSeen = ctx.fake.notifications.at(-1)!.id;
    await waitFor(async () => (await ctx.state()).notificationsMinId === lastSeen, {
      message: "the cursor saved",
    });
    await apiClient(relais.url, ctx.token).patch(`/api/v1/channels/${ctx.channelId}`, {
      config: { pollSeconds: 0 },
    });
  });

  it("marks a message deleted on a `delete` event", async () => {
    const ctx = await setup();
    await ctx.live();
    const status = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere message à effacer</p>" });
    expect((await ctx.stored(status.id)).deleted).toBe(false);
    ctx.fake.remove(status.id);
    const deleted = await waitFor(async () =>
      (await ctx.all()).find((m) => m.externalId === status.id && m.deleted),
    );
    expect(deleted.text).toBe("");
  });

  it("applies a `status.update` edit once, even when an `update` notification repeats it", async () => {
    const ctx = await setup();
    await ctx.live();
    const status = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere colis 4812</p>" });
    await ctx.stored(status.id);
    ctx.fake.edit(status.id, "<p>@maisonlumiere colis 4821</p>", { notify: false });
    const edited = await waitFor(async () =>
      (await ctx.all()).find((m) => m.externalId === status.id && m.editedAt !== null),
    );
    expect(edited.text).toBe("@maisonlumiere colis 4821");

    // A second edit arrives twice: as `status.update` and as an `update` notification.
    ctx.fake.edit(status.id, "<p>@maisonlumiere colis 4821, merci</p>");
    const marker = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere autre chose</p>" });
    await ctx.stored(marker.id);
    const twice = (await ctx.all()).find((m) => m.externalId === status.id)!;
    expect(twice.text).toBe("@maisonlumiere colis 4821, merci");
    // The history of earlier versions stays on the server (not presented to agents).
    const row = await relais.services.db
      .selectFrom("messages")
      .select("metadata")
      .where("channel_id", "=", ctx.channelId)
      .where("external_id", "=", status.id)
      .executeTakeFirstOrThrow();
    expect((row.metadata.history as Array<{ text: string }>).map((h) => h.text)).toEqual([
      "@maisonlumiere colis 4812",
      "@maisonlumiere colis 4821",
    ]);
  });

  it("catches up on reconnection with what was posted while disconnected, once each", async () => {
    const ctx = await setup();
    await ctx.live();
    const before = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere avant la coupure</p>" });
    await ctx.stored(before.id);
    const lastSeen = ctx.fake.notifications.at(-1)!.id;
    const from = ctx.fake.requests.length;

    ctx.fake.refuse(503);
    ctx.fake.disconnect();
    const missed = [
      ctx.fake.mention(LEA, { html: "<p>@maisonlumiere pendant la coupure</p>" }),
      ctx.fake.mention(LEA, { html: "<p>@maisonlumiere toujours coupé</p>" }),
    ];
    await waitFor(() => ctx.fake.upgrades.some((u) => u.status === 503), {
      message: "a reconnection attempt while the streaming server is down",
    });
    ctx.fake.refuse(null);
    for (const status of missed) await ctx.stored(status.id);
    await ctx.live();
    expect(polls(ctx.fake, from)[0]).toBe(lastSeen);
    const ids = (await ctx.all()).map((m) => m.externalId);
    for (const status of [before, ...missed]) {
      expect(ids.filter((id) => id === status.id)).toHaveLength(1);
    }
  });

  it("stores once a status that both the stream and a poll deliver", async () => {
    const ctx = await setup();
    await ctx.live();
    const status = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere une fois</p>" });
    await ctx.stored(status.id);

    // As after a lost cursor: the catch-up that follows the reconnection reads the latest
    // page again, this status included, and the server pushes its notification once more.
    await relais.services.db
      .updateTable("channels")
      .set({ state: JSON.stringify({}) })
      .where("id", "=", ctx.channelId)
      .execute();
    const from = ctx.fake.requests.length;
    ctx.fake.disconnect();
    await waitFor(() => polls(ctx.fake, from).includes(null), { message: "a catch-up poll" });
    await ctx.live();
    ctx.fake.repush(status.id);
    const marker = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere et une autre</p>" });
    await ctx.stored(marker.id);
    const copies = (await ctx.all()).filter((m) => m.externalId === status.id);
    expect(copies).toHaveLength(1);
  });

  it("polls only when the streaming health check does not answer OK", async () => {
    const ctx = await setup({ pollSeconds: 1, health: [503, "Service Unavailable"] });
    const status = ctx.fake.mention(LEA, { html: "<p>@maisonlumiere par sondage</p>" });
    const message = await ctx.stored(status.id);
    expect(message.text).toBe("@maisonlumiere par sondage");
    expect(ctx.fake.healthChecks.length).toBeGreaterThan(0);
    expect(ctx.fake.upgrades).toHaveLength(0);
    expect(streamIsLive(await ctx.state())).toBe(false);
    await apiClient(relais.url, ctx.token).patch(`/api/v1/channels/${ctx.channelId}`, {
      config: { pollSeconds: 0 },
    });
  });

  it("ignores malformed events and keeps the same connection", async () => {
    const ctx = await setup();
    await ctx.live();
    const { fake } = ctx;
    fake.pushRaw("not json at all");
    fake.pushRaw(JSON.stringify([1, 2, 3]));
    fake.push("notification", '{"id": "12", "type": "mention", "status": {');
    fake.push("notification", JSON.stringify({ id: "13", type: "mention", status: { id: "9" } }));
    fake.push("status.update", JSON.stringify({ id: "14" }));
    fake.push("delete");
    fake.push("filters_changed");
    fake.push("announcement", JSON.stringify({ id: "1", content: "<p>hello</p>" }));
    const status = fake.mention(LEA, { html: "<p>@maisonlumiere toujours là ?</p>" });
    await ctx.stored(status.id, 2_000);
    expect(fake.upgrades.filter((u) => u.status === 101)).toHaveLength(1);
    expect(fake.clients.size).toBe(1);
  });
});

describe("Mastodon streaming across a restart", () => {
  it("resumes from the saved cursor without storing anything twice", async () => {
    const env = await testEnv();
    const fake = await startFake();
    let running: RunningRelais | null = await startRelais(env);
    try {
      const first = await channelOn(running.services, running.url!, fake, 3600);
      await first.live();
      const before = fake.mention(LEA, { html: "<p>@maisonlumiere avant le redémarrage</p>" });
      await first.stored(before.id);
      const lastSeen = fake.notifications.at(-1)!.id;
      await running.stop();
      running = null;

      const during = fake.mention(LEA, { html: "<p>@maisonlumiere pendant le redémarrage</p>" });
      const from = fake.requests.length;
      running = await startRelais(env);
      const again = viewsOf(
        running.services,
        apiClient(running.url!, first.token),
        first.channelId,
      );
      await again.stored(during.id);
      expect(polls(fake, from)[0]).toBe(lastSeen);
      const ids = (await again.all()).map((m) => m.externalId);
      expect(ids.filter((id) => id === before.id)).toHaveLength(1);
      expect(ids.filter((id) => id === during.id)).toHaveLength(1);
    } finally {
      await running?.stop();
    }
  }, 60_000);
});
