import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../test/support/factories.ts";
import { startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import type { TListeningAlert, TListeningStats } from "../../shared/listening.ts";
import { SIGNATURE_HEADER, verifySignature } from "../channels/api/signature.ts";
import { channelCreator } from "../commands/channelCreator.ts";
import { createTriager } from "../triage/index.ts";
import { deliverListeningAlertTask } from "./jobs.ts";
import { storeMentions } from "./mentionStore.ts";
import type { FoundPost } from "./search/types.ts";
import { checkSpike } from "./spikes.ts";
import { listeningStats } from "./stats.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The fake clock: stats and spikes are read at the times the test names. */
const NOW = new Date("2030-01-10T12:00:00.000Z");

let counter = 0;
function post(at: Date, text: string): FoundPost {
  counter += 1;
  const id = `post-${counter}`;
  return {
    externalId: id,
    text,
    language: null,
    author: {
      id: `author-${counter % 2}`,
      handle: `@author${counter % 2}`,
      name: null,
      followers: 100,
    },
    likes: 1,
    reposts: 0,
    replies: 0,
    reach: 100,
    url: null,
    postedAt: at,
    inbound: {
      externalId: id,
      text,
      visibility: "public",
      contact: { identity: { kind: "twitter", value: "1" } },
    },
  };
}
const NEGATIVE = "Mon écran Relais a fondu après trois semaines, jamais plus. Honteux !";
const POSITIVE = "J'adore ma Relais box, merci !";

/** Stats and spike alerts on a fake clock, the bell, and the signed webhook (worker off). */
describe("listening stats and spike alerts", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let hook: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    [relais, hook] = await Promise.all([
      startTestRelais({ RELAIS_ROLES: "web" }),
      startFakeServer(() => ({ status: 204 })),
    ]);
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    await hook?.close();
  });

  it("buckets by hour and day, fires one alert per spike, re-arms, tells supervisors and signs the webhook", async () => {
    const { services } = relais;
    const { account, token } = await createAccount(services);
    const api = apiClient(relais.url, token);
    const supervisor = await createUser(services, account.id, "supervisor");
    const agent = await createUser(services, account.id, "agent");
    const channel = await channelCreator(services.db, services.secrets, {
      accountId: account.id,
      kind: "x",
      name: "X",
      config: { userId: "1", apiUrl: "http://127.0.0.1:9" },
      secrets: { consumerKey: "a", consumerSecret: "b", accessToken: "c", accessTokenSecret: "d" },
    });
    const created = await api.post("/api/v1/listening/queries", {
      name: "Relais",
      terms: ["relais"],
      channelIds: [channel.id],
      alerts: {
        negativeSpike: { windowMinutes: 60, baselineHours: 24, factor: 3, minMentions: 3 },
      },
      webhookUrl: `${hook.url}/spikes`,
    });
    const secret = created.body.data.webhookSecret as string;
    const load = () =>
      services.db
        .selectFrom("listening_queries")
        .selectAll()
        .where("account_id", "=", account.id)
        .where("id", "=", created.body.data.id)
        .executeTakeFirstOrThrow();
    const query = await load();
    const store = (posts: FoundPost[]) =>
      storeMentions(services.db, {
        query,
        network: "x",
        channelId: channel.id,
        posts,
        triager: createTriager(),
      });
    const ago = (ms: number) => new Date(NOW.getTime() - ms);
    await store([
      post(ago(20 * HOUR), NEGATIVE),
      post(ago(10 * HOUR), NEGATIVE),
      post(ago(5 * HOUR), POSITIVE),
      post(ago(50 * MINUTE), NEGATIVE),
      post(ago(30 * MINUTE), NEGATIVE),
    ]);

    const hourly = await listeningStats(services.db, query, { interval: "hour", now: NOW });
    expect(hourly.buckets).toHaveLength(24);
    expect(hourly.buckets[0]?.start).toBe("2030-01-09T12:00:00.000Z");
    expect(hourly.buckets.at(-1)).toMatchObject({
      start: "2030-01-10T11:00:00.000Z",
      total: 2,
      negative: 2,
      reach: 200,
    });
    expect(
      hourly.buckets.find((bucket) => bucket.start === "2030-01-10T07:00:00.000Z"),
    ).toMatchObject({ total: 1, positive: 1 });
    expect(hourly.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(5);
    // Last hour 2; the 24 hours before it hold 3 (20 h and 10 h ago, 5 h ago).
    expect(hourly.velocity).toEqual({ lastHour: 2, baselinePerHour: 0.13 });
    expect(hourly.topTerms).toEqual([{ term: "relais", mentions: 5 }]);
    const daily = await api.get(
      `/api/v1/listening/queries/${query.id}/stats?interval=day&from=2030-01-09T00:00:00Z&to=2030-01-11T00:00:00Z`,
    );
    const stats = daily.body.data as TListeningStats;
    expect(stats.buckets.map((bucket) => [bucket.start, bucket.total, bucket.negative])).toEqual([
      ["2030-01-09T00:00:00.000Z", 1, 1],
      ["2030-01-10T00:00:00.000Z", 4, 3],
    ]);
    expect(stats.topAuthors[0]).toMatchObject({ mentions: 3 });

    // Two negatives in the window: under minMentions. A third makes the spike: one alert.
    expect(await checkSpike(services.db, services.queue, query, NOW)).toBeNull();
    await store([post(ago(10 * MINUTE), NEGATIVE)]);
    const alert = await checkSpike(services.db, services.queue, query, NOW);
    expect(alert).toMatchObject({ negative_count: 3 });
    expect(alert?.baseline_per_hour).toBeCloseTo(2 / 24);
    expect(alert?.sample_mention_ids).toHaveLength(3);
    await store([post(ago(5 * MINUTE), NEGATIVE)]);
    expect(
      await checkSpike(services.db, services.queue, query, new Date(NOW.getTime() + MINUTE)),
    ).toBeNull();
    const alerts = (await api.get("/api/v1/listening/alerts")).body.data as TListeningAlert[];
    expect(alerts).toEqual([
      {
        id: alert?.id,
        queryId: query.id,
        startedAt: NOW.toISOString(),
        negativeCount: 3,
        baselinePerHour: 0.08,
        sampleMentionIds: alert?.sample_mention_ids,
      },
    ]);

    const bell = async (userToken: string) =>
      (
        (await apiClient(relais.url, userToken).get("/api/v1/notifications")).body.data as Array<{
          kind: string;
          params: Record<string, unknown>;
        }>
      ).filter((row) => row.kind === "listening_spike" && row.params.query === "Relais");
    expect(await bell(supervisor.token)).toHaveLength(1);
    expect(await bell(token)).toHaveLength(1);
    expect(await bell(agent.token)).toHaveLength(0);

    // The webhook job was queued with the alert; run as the worker would, it signs its POST.
    const { rows: jobs } = await sql<{
      data: { accountId: string; alertId: string; target: "webhook" | "email" };
    }>`
      select data from pgboss.job where name = ${deliverListeningAlertTask.name}
        and data->>'alertId' = ${alert?.id ?? ""}`.execute(services.db);
    expect(jobs.map((job) => job.data.target)).toEqual(["webhook"]);
    await deliverListeningAlertTask.run(services, jobs[0]!.data, {
      id: "t",
      retryCount: 0,
      retryLimit: 0,
    });
    const delivered = hook.requests.at(-1);
    expect(delivered?.url).toBe("/spikes");
    expect(() =>
      verifySignature(
        secret,
        String(delivered?.headers[SIGNATURE_HEADER]),
        Buffer.from(delivered?.body ?? ""),
      ),
    ).not.toThrow();
    expect(() =>
      verifySignature(
        "not-the-secret",
        String(delivered?.headers[SIGNATURE_HEADER]),
        Buffer.from(delivered?.body ?? ""),
      ),
    ).toThrow();
    expect(delivered?.json).toEqual({ type: "listening.spike", alert: alerts[0] });

    // The rate falls back under the threshold: re-armed; the next spike is a new alert.
    const later = new Date(NOW.getTime() + 3 * HOUR);
    expect(await checkSpike(services.db, services.queue, query, later)).toBeNull();
    expect((await load()).spike_armed).toBe(true);
    await store(
      [1, 2, 3, 4, 5].map((minutes) =>
        post(new Date(later.getTime() - minutes * MINUTE), NEGATIVE),
      ),
    );
    expect(await checkSpike(services.db, services.queue, query, later)).toMatchObject({
      negative_count: 5,
    });
    expect((await api.get("/api/v1/listening/alerts")).body.data).toHaveLength(2);
  });
});
