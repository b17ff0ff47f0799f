import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import {
  createSocialChannels,
  type SearchFakes,
  startSearchFakes,
} from "../../../test/support/listening.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import type { TListeningQuery, TMention } from "../../shared/listening.ts";
import { inboundIngester } from "../commands/inboundIngester.ts";
import { pollListeningQuery } from "./poller.ts";

/**
 * Queries through the API, and polling the three networks' documented searches (loopback
 * fakes). Relais runs without its worker here, so each poll is the one the test makes, at the
 * time it names; the jobs' own chain is covered by mentionConversation.test.ts.
 */
describe("listening queries and polling", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const fakes: SearchFakes[] = [];
  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_ROLES: "web" });
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    for (const fake of fakes) await fake.close();
  });

  async function setup() {
    const fake = await startSearchFakes();
    fakes.push(fake);
    const { account, token } = await createAccount(relais.services);
    const channels = await createSocialChannels(relais.services, account.id, fake);
    return { account, api: apiClient(relais.url, token), channels, fake };
  }

  const loadQuery = (accountId: string, id: string) =>
    relais.services.db
      .selectFrom("listening_queries")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("lets supervisors and admins keep queries and agents read them", async () => {
    const { account, api, channels } = await setup();
    const supervisor = apiClient(
      relais.url,
      (await createUser(relais.services, account.id, "supervisor")).token,
    );
    const agent = apiClient(
      relais.url,
      (await createUser(relais.services, account.id, "agent")).token,
    );
    const body = {
      name: "Marque",
      terms: ["relais", "#relais", '"relais box"'],
      excludeTerms: ["emploi"],
      languages: ["fr", "en"],
      channelIds: [channels.x.id, channels.mastodon.id],
      alerts: {
        negativeSpike: { windowMinutes: 60, baselineHours: 24, factor: 3, minMentions: 5 },
      },
      webhookUrl: "https://hooks.example.test/relais",
      emails: ["veille@example.test"],
    };
    const created = await api.post("/api/v1/listening/queries", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const query = created.body.data as TListeningQuery;
    expect(query).toMatchObject({ ...body, pollSeconds: 120 });
    expect(query.webhookSecret).toMatch(/.{20,}/);
    expect((await agent.post("/api/v1/listening/queries", body)).status).toBe(403);
    const listed = await agent.get("/api/v1/listening/queries");
    expect(listed.body.data.map((row: TListeningQuery) => row.id)).toEqual([query.id]);
    expect(listed.body.data[0].webhookSecret).toBeUndefined();
    expect((await agent.patch(`/api/v1/listening/queries/${query.id}`, { name: "x" })).status).toBe(
      403,
    );
    const changed = await supervisor.patch(`/api/v1/listening/queries/${query.id}`, {
      terms: ["relais"],
      alerts: { negativeSpike: null },
    });
    expect(changed.body.data).toMatchObject({ terms: ["relais"], alerts: { negativeSpike: null } });

    const shop = await createApiChannel(relais.services, account.id);
    const wrong = await api.post("/api/v1/listening/queries", {
      ...body,
      channelIds: [shop.channel.id],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.id).toBe("channel_not_searchable");
    const invalid = await api.post("/api/v1/listening/queries", { ...body, terms: [] });
    expect(invalid.body.error.id).toBe("validation_failed");
    expect((await api.delete(`/api/v1/listening/queries/${query.id}`)).status).toBe(200);
    expect((await api.get(`/api/v1/listening/queries/${query.id}`)).status).toBe(404);
  });

  it("polls each network from where it stopped: no gap, no duplicate, 429 honoured, inbox posts marked", async () => {
    const { account, api, channels, fake } = await setup();
    const author = { id: "4001", username: "claire", name: "Claire", followers: 5400 };
    const toot = {
      id: "77",
      username: "paul",
      acct: "paul@social.example",
      display_name: "Paul",
      followers_count: 120,
    };
    const sky = { did: "did:plc:anne", handle: "anne.bsky.social", displayName: "Anne" };
    const created = await api.post("/api/v1/listening/queries", {
      name: "Relais",
      terms: ["relais", "#relais"],
      excludeTerms: ["emploi"],
      channelIds: [channels.x.id, channels.mastodon.id, channels.bluesky.id],
    });
    const query = await loadQuery(account.id, created.body.data.id);

    const firstX = fake.x.post(author, "Ma relais box est arrivée cassée");
    const inInbox = fake.x.post(author, "@marque ma relais box ne s'allume plus");
    // Already addressed to the brand: in the inbox through the X channel.
    await inboundIngester(relais.services.db, channels.x, [
      {
        type: "message",
        message: {
          externalId: inInbox,
          threadId: inInbox,
          text: "@marque ma relais box ne s'allume plus",
          visibility: "public",
          contact: { identity: { kind: "twitter", value: author.id } },
        },
      },
    ]);
    // Found twice (the search for "relais" and the #relais timeline), stored once.
    fake.mastodon.status(toot, "Je teste #relais aujourd'hui");
    fake.bluesky.post(sky, "relais est génial");
    fake.bluesky.post(sky, "relais recrute, offre d'emploi");

    const t0 = new Date();
    const first = await pollListeningQuery(relais.services, query, t0);
    expect(first).toMatchObject({ created: 4, failed: 0, rateLimited: [] });
    const xSearch = new URL(fake.x.searches()[0]!.url, fake.x.url).searchParams;
    expect(xSearch.get("query")).toBe("(relais OR #relais) -emploi -is:retweet");
    expect(xSearch.get("expansions")).toBe("author_id");
    expect(xSearch.get("tweet.fields")).toContain("public_metrics");
    expect(xSearch.get("since_id")).toBeNull();

    // Between two polls: new posts everywhere, and X says 429 with Retry-After: 120.
    const laterX = [fake.x.post(author, "relais encore"), fake.x.post(author, "#relais toujours")];
    fake.mastodon.status(toot, "Relais, deuxième essai");
    fake.bluesky.post(sky, "relais, deuxième");
    fake.x.rateLimitNext(120);
    const second = await pollListeningQuery(relais.services, query, new Date(t0.getTime() + 1000));
    expect(second.created).toBe(2);
    expect(second.rateLimited).toEqual([
      { channelId: channels.x.id, source: "search", retryAt: new Date(t0.getTime() + 121_000) },
    ]);
    const xCalls = fake.x.searches().length;
    const quiet = await pollListeningQuery(relais.services, query, new Date(t0.getTime() + 60_000));
    expect(quiet.created).toBe(0);
    expect(fake.x.searches()).toHaveLength(xCalls);

    // As after a restart: everything the poll knows is in the database.
    const resumed = await pollListeningQuery(
      relais.services,
      { ...query },
      new Date(t0.getTime() + 122_000),
    );
    expect(resumed.created).toBe(2);
    const lastX = new URL(fake.x.searches().at(-1)!.url, fake.x.url).searchParams;
    expect(lastX.get("since_id")).toBe(inInbox);
    const mastodonCalls = fake.mastodon.searches().map((request) => request.url);
    expect(mastodonCalls.some((url) => url.includes("min_id="))).toBe(true);
    expect(mastodonCalls.some((url) => url.startsWith("/api/v1/timelines/tag/relais"))).toBe(true);
    expect(fake.bluesky.searches().some((request) => request.url.includes("since="))).toBe(true);

    const mentions = (await api.get(`/api/v1/mentions?queryId=${query.id}`)).body
      .data as TMention[];
    expect(mentions).toHaveLength(8);
    expect(new Set(mentions.map((row) => `${row.network}:${row.externalId}`)).size).toBe(8);
    expect(mentions.map((row) => row.text)).not.toContain("relais recrute, offre d'emploi");
    expect(
      mentions
        .filter((row) => row.network === "x")
        .map((row) => row.externalId)
        .sort(),
    ).toEqual([firstX, inInbox, ...laterX].sort());
    const addressed = mentions.find((row) => row.externalId === inInbox);
    expect(addressed).toMatchObject({ addressed: true });
    expect(addressed?.conversationId).toEqual(expect.any(String));
    expect(mentions.filter((row) => row.addressed)).toHaveLength(1);
    const fromX = mentions.find((row) => row.externalId === firstX);
    expect(fromX).toMatchObject({
      author: { id: author.id, handle: "@claire", name: "Claire", followers: 5400 },
      reach: 1000,
      engagement: { likes: 5, reposts: 2, replies: 1 },
      language: "fr",
      sentiment: "negative",
      queryIds: [query.id],
    });

    // Newest first, a page at a time with no overlap; one mention; full text; a live test.
    const page1 = await api.get(`/api/v1/mentions?queryId=${query.id}&limit=3`);
    expect(page1.body.data).toHaveLength(3);
    const rest = await api.get(
      `/api/v1/mentions?queryId=${query.id}&cursor=${page1.body.nextCursor}`,
    );
    expect([...page1.body.data, ...rest.body.data].map((row: TMention) => row.id)).toEqual(
      mentions.map((row) => row.id),
    );
    expect(rest.body.nextCursor).toBeUndefined();
    expect((await api.get(`/api/v1/mentions/${fromX?.id}`)).body.data).toEqual(fromX);
    const searched = await api.get("/api/v1/mentions?q=deuxieme");
    expect(searched.body.data.map((row: TMention) => row.network).sort()).toEqual([
      "bluesky",
      "mastodon",
    ]);
    const negative = await api.get("/api/v1/mentions?sentiment=negative&language=fr");
    expect(
      negative.body.data.every(
        (row: TMention) => row.sentiment === "negative" && row.language === "fr",
      ),
    ).toBe(true);
    expect(negative.body.data.map((row: TMention) => row.id)).toContain(fromX?.id);
    const tested = await api.post("/api/v1/listening/test", { terms: ["#relais"] });
    expect(tested.body.data.map((row: TMention) => row.text).sort()).toEqual(
      ["#relais toujours", "Je teste #relais aujourd'hui"].sort(),
    );
  });
});
