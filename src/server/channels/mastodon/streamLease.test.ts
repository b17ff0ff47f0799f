import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import type { Services } from "../../services.ts";
import { holdLease, LEASE_MS, releaseLease, streamIsLive } from "./streamLease.ts";

describe("Mastodon stream lease", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  });
  afterAll(async () => {
    await closeServices(services);
  });

  async function mastodonChannel(accountId: string, name: string) {
    return channelCreator(services.db, services.secrets, {
      accountId,
      kind: "mastodon",
      name,
      config: { instanceUrl: "http://127.0.0.1:9", pollSeconds: 0 },
      secrets: { accessToken: "token" },
    });
  }
  const stateOf = async (id: string) =>
    (
      await services.db
        .selectFrom("channels")
        .select("state")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).state;

  it("is held by one worker at a time, for its channel only", async () => {
    const { account } = await createAccount(services);
    const first = await mastodonChannel(account.id, "first");
    const second = await mastodonChannel(account.id, "second");
    await services.db
      .updateTable("channels")
      .set({ state: JSON.stringify({ notificationsMinId: "42" }) })
      .where("id", "=", first.id)
      .execute();

    expect(await holdLease(services.db, first, "worker-a", false)).toBe(true);
    expect(await holdLease(services.db, second, "worker-a", false)).toBe(true);
    // Renewing one lease as connected leaves the other channel's lease as it was.
    expect(await holdLease(services.db, first, "worker-a", true)).toBe(true);
    expect(streamIsLive(await stateOf(first.id))).toBe(true);
    expect(streamIsLive(await stateOf(second.id))).toBe(false);
    expect((await stateOf(first.id)).notificationsMinId).toBe("42");

    // Another worker cannot take a lease that is still fresh…
    expect(await holdLease(services.db, first, "worker-b", false)).toBe(false);
    expect((await stateOf(first.id)).mastodonStream).toMatchObject({ holder: "worker-a" });
    const until = ((await stateOf(first.id)).mastodonStream as { until: number }).until;
    expect(until - Date.now()).toBeGreaterThan(LEASE_MS - 10_000);

    // …but takes it once released (the holder stopped), and polling resumes meanwhile.
    await releaseLease(services.db, first, "worker-b");
    expect(streamIsLive(await stateOf(first.id))).toBe(true);
    await releaseLease(services.db, first, "worker-a");
    expect(streamIsLive(await stateOf(first.id))).toBe(false);
    expect(await holdLease(services.db, first, "worker-b", false)).toBe(true);
    expect(await holdLease(services.db, second, "worker-b", false)).toBe(false);
  });

  it("can be taken over once it expired (its holder died)", async () => {
    const { account } = await createAccount(services);
    const channel = await mastodonChannel(account.id, "expired");
    const stale = { holder: "dead-worker", until: Date.now() - 1_000, connected: true };
    await services.db
      .updateTable("channels")
      .set({ state: JSON.stringify({ mastodonStream: stale }) })
      .where("id", "=", channel.id)
      .execute();
    expect(streamIsLive(await stateOf(channel.id))).toBe(false);
    expect(await holdLease(services.db, channel, "worker-c", false)).toBe(true);
    expect((await stateOf(channel.id)).mastodonStream).toMatchObject({
      holder: "worker-c",
      connected: false,
    });
  });
});
