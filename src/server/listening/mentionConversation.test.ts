import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import {
  createSocialChannels,
  type SearchFakes,
  startSearchFakes,
} from "../../../test/support/listening.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { TMention } from "../../shared/listening.ts";

/**
 * End to end with the worker: a new query polls by itself (its job), and a mention becomes a
 * public conversation whose agent reply goes out in the post's thread on each network.
 */
describe("from a mention to a conversation", { timeout: 120_000 }, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let fakes: SearchFakes;
  beforeAll(async () => {
    [relais, fakes] = await Promise.all([startTestRelais(), startSearchFakes()]);
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    await fakes?.close();
  });

  it("polls through its job, opens one conversation per mention and replies in thread on X, Mastodon and Bluesky", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const channels = await createSocialChannels(relais.services, account.id, fakes);
    const tweet = fakes.x.post(
      { id: "5001", username: "lea", name: "Léa", followers: 20_000 },
      "Mon écran Lumibox a fondu après trois semaines, jamais plus.",
    );
    const toot = fakes.mastodon.status(
      {
        id: "8",
        username: "marc",
        acct: "marc@social.example",
        display_name: "Marc",
        followers_count: 90,
      },
      "Ma Lumibox ne démarre plus",
    );
    const skeet = fakes.bluesky.post(
      { did: "did:plc:zoe", handle: "zoe.bsky.social", displayName: "Zoé" },
      "Lumibox en panne depuis hier",
    );
    const created = await api.post("/api/v1/listening/queries", {
      name: "Lumibox",
      terms: ["lumibox"],
      channelIds: [channels.x.id, channels.mastodon.id, channels.bluesky.id],
    });
    expect(created.status).toBe(201);
    const mentions: TMention[] = await waitFor(
      async () => {
        const rows = (await api.get("/api/v1/mentions")).body.data as TMention[];
        return rows.length === 3 ? rows : null;
      },
      { timeoutMs: 30_000 },
    );
    const sentiment = await api.get("/api/v1/mentions?sentiment=negative&q=ecran");
    expect(sentiment.body.data.map((row: TMention) => row.externalId)).toEqual([tweet]);

    const expectations = [
      { network: "x", externalId: tweet },
      { network: "mastodon", externalId: toot },
      { network: "bluesky", externalId: skeet },
    ] as const;
    for (const { network, externalId } of expectations) {
      const mention = mentions.find((row) => row.network === network);
      expect(mention?.externalId).toBe(externalId);
      const opened = await api.post(`/api/v1/mentions/${mention?.id}/conversation`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const conversationId = opened.body.data.conversationId as string;
      const again = await api.post(`/api/v1/mentions/${mention?.id}/conversation`);
      expect(again.status).toBe(200);
      expect(again.body.data.conversationId).toBe(conversationId);
      const conversation = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;
      expect(conversation).toMatchObject({ visibility: "public" });
      const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
        text: "Désolés ! Écrivez-nous en privé, nous réglons cela.",
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }

    await waitFor(() => fakes.x.replies.length === 1, { timeoutMs: 20_000 });
    expect(fakes.x.replies[0]).toMatchObject({ inReplyTo: tweet });
    await waitFor(() => fakes.mastodon.posted.length === 1, { timeoutMs: 20_000 });
    expect(fakes.mastodon.posted[0]).toMatchObject({ inReplyToId: toot, visibility: "public" });
    expect(fakes.mastodon.posted[0]?.status).toMatch(/^@marc@social\.example /);
    await waitFor(() => fakes.bluesky.records.length === 1, { timeoutMs: 20_000 });
    expect(fakes.bluesky.records[0]?.record).toMatchObject({
      reply: { root: { uri: skeet }, parent: { uri: skeet } },
    });
  });
});
