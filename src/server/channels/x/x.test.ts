import { beforeEach, describe, expect, it } from "vitest";
import { SAMPLE_MEDIA } from "../../../../test/fakes/media.ts";
import {
  dmDelivery,
  nextSnowflake,
  problem,
  rateLimited,
  signXWebhook,
  startXFake,
  v1Tweet,
  type XUser,
  xDeliverer,
} from "../../../../test/fakes/x.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import {
  addChannelByCli,
  socialChannel,
  type TestRelais,
  useSocialProvider,
} from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TConversation } from "../../../shared/schemas.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";

const SECRETS = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const BRAND = "370773112";

const ZOE: XUser = {
  id: "1456789012",
  name: "Zoé Lambert",
  username: "zoe_lmb",
  followers: 48_200,
  avatar: "https://pbs.twimg.com/profile_images/1/zoe_normal.jpg",
};

describe("X channel, end to end", () => {
  const running = useSocialProvider(() => startXFake(SECRETS));
  let relais: TestRelais;
  let x: Awaited<ReturnType<typeof startXFake>>;
  beforeEach(() => {
    relais = running.relais();
    x = running.fake();
  });

  async function setup(config: Record<string, unknown> = {}) {
    const channel = await socialChannel(relais, {
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: BRAND, apiUrl: x.url, ...config },
      secrets: SECRETS,
      deliver: xDeliverer(SECRETS.consumerSecret),
      throughApi: true,
    });
    /** The account's conversations, typed (the harness leaves them untyped). */
    const conversations = async (): Promise<TConversation[]> => channel.conversations();
    return { ...channel, conversations, deliver: channel.hook };
  }

  async function mention(ctx: Awaited<ReturnType<typeof setup>>, text: string) {
    const tweet = v1Tweet(ZOE, { text });
    const hook = await ctx.deliver({ for_user_id: BRAND, tweet_create_events: [tweet] });
    expect(hook.status).toBe(200);
    const conversation = (await ctx.conversations())[0]!;
    return { tweet, conversation };
  }

  it("answers the CRC challenge with the HMAC of the token", async () => {
    const { channelId } = await setup();
    const response = await fetch(`${relais.url}/hooks/${channelId}?crc_token=9b4507b3-9040-4669`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      response_token: signXWebhook(SECRETS.consumerSecret, "9b4507b3-9040-4669"),
    });
  });

  it("refuses deliveries whose signature is missing or wrong, storing nothing", async () => {
    const ctx = await setup();
    const payload = { for_user_id: BRAND, tweet_create_events: [v1Tweet(ZOE, { text: "hi" })] };
    const forged = await ctx.deliver(payload, signXWebhook("not-the-consumer-secret", "x"));
    expect(forged.status).toBe(401);
    const missing = await fetch(`${relais.url}/hooks/${ctx.channelId}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    expect(missing.status).toBe(401);
    expect(await ctx.conversations()).toHaveLength(0);
  });

  it("stores a public mention and a DM with the author's identity, skipping the brand's own", async () => {
    const ctx = await setup();
    const tweet = v1Tweet(ZOE, {
      text: "@MaisonLumiere ma lampe est arrivée cassée 😡",
      media: ["https://pbs.twimg.com/media/FxLamp.jpg"],
    });
    const own = v1Tweet({ ...ZOE, id: BRAND, username: "MaisonLumiere" }, { text: "Promo !" });
    const hook = await ctx.deliver({ for_user_id: BRAND, tweet_create_events: [tweet, own] });
    expect(hook.body.data.stored).toBe(1);
    const dm = dmDelivery(BRAND, ZOE, "Voici mon numéro de commande : CMD-4821");
    const ownDm = dmDelivery(BRAND, { ...ZOE, id: BRAND }, "Merci !");
    ownDm.direct_message_events[0]!.message_create.target.recipient_id = ZOE.id;
    await ctx.deliver(dm);
    await ctx.deliver(ownDm);

    const list = await ctx.conversations();
    expect(list.map((c) => c.visibility).sort()).toEqual(["private", "public"]);
    const publicOne = list.find((c) => c.visibility === "public")!;
    const post = (await ctx.messages(publicOne.id))[0]!;
    expect(post.externalId).toBe(tweet.id_str);
    expect(post.visibility).toBe("public");
    expect(post.attachments[0]?.url).toBe("https://pbs.twimg.com/media/FxLamp.jpg");
    const privateOne = list.find((c) => c.visibility === "private")!;
    const dms = await ctx.messages(privateOne.id);
    expect(dms.map((m) => m.text)).toEqual(["Voici mon numéro de commande : CMD-4821"]);

    const contact = (await ctx.api.get(`/api/v1/contacts/${publicOne.contact.id}`)).body.data;
    expect(contact.identities).toEqual([
      expect.objectContaining({
        kind: "twitter",
        value: ZOE.id,
        handle: "@zoe_lmb",
        displayName: "Zoé Lambert",
        avatarUrl: ZOE.avatar,
        followers: 48_200,
      }),
    ]);
    expect(privateOne.contact.id).toBe(publicOne.contact.id);
  });

  it("stores the same delivery once, and reflects deletions", async () => {
    const ctx = await setup();
    const payload = { for_user_id: BRAND, tweet_create_events: [v1Tweet(ZOE, { text: "Allô ?" })] };
    const [first, second] = await Promise.all([ctx.deliver(payload), ctx.deliver(payload)]);
    expect(first.body.data.stored + second.body.data.stored).toBe(1);
    const conversation = (await ctx.conversations())[0]!;
    expect(await ctx.messages(conversation.id)).toHaveLength(1);

    const tweetId = payload.tweet_create_events[0]!.id_str;
    await ctx.deliver({
      for_user_id: BRAND,
      tweet_delete_events: [
        { status: { id: tweetId, user_id: ZOE.id }, timestamp_ms: String(Date.now()) },
      ],
    });
    const deleted = (await ctx.messages(conversation.id))[0]!;
    expect(deleted.deleted).toBe(true);
  });

  it("replies in the thread with a signed POST /2/tweets, and keeps the thread one conversation", async () => {
    const ctx = await setup();
    const { tweet, conversation } = await mention(ctx, "@MaisonLumiere où est mon colis ?");
    const reply = await ctx.reply(conversation.id, "Bonjour Zoé, nous regardons tout de suite.");
    expect(reply.status).toBe(201);
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);

    const request = x.requests.find(
      (r) => r.url === "/2/tweets" && r.json?.text === "Bonjour Zoé, nous regardons tout de suite.",
    )!;
    expect(request.method).toBe("POST");
    expect(request.json).toEqual({
      text: "Bonjour Zoé, nous regardons tout de suite.",
      reply: { in_reply_to_tweet_id: tweet.id_str },
    });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(String(request.headers.authorization)).toMatch(
      /^OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="[^"]+", oauth_signature="[^"]+", oauth_signature_method="HMAC-SHA1", oauth_timestamp="\d+", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"$/,
    );
    const created = x.tweets.find((t) => t.text === "Bonjour Zoé, nous regardons tout de suite.");
    expect(sent.externalId).toBe(created!.id);

    // Zoé answers the brand's reply, then her own answer: both stay in the conversation.
    const thanks = v1Tweet(ZOE, { text: "Merci, j'attends", inReplyTo: created!.id });
    await ctx.deliver({
      for_user_id: BRAND,
      tweet_create_events: [
        thanks,
        v1Tweet(ZOE, { text: "Et la facture ?", inReplyTo: thanks.id_str }),
      ],
    });
    expect(await ctx.conversations()).toHaveLength(1);
    expect((await ctx.messages(conversation.id)).filter((m) => m.direction === "in")).toHaveLength(
      3,
    );
  });

  it("marks the reply failed with X's own reason", async () => {
    const ctx = await setup();
    const { conversation } = await mention(ctx, "@MaisonLumiere encore moi");
    x.failNext(
      /^\/2\/tweets$/,
      problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."),
    );
    const reply = await ctx.reply(conversation.id, "Réponse en double");
    const failed = await ctx.delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery?.error).toContain(
      "You are not allowed to create a Tweet with duplicate content.",
    );
    expect(failed.delivery?.attempts).toBe(1);
  });

  it("waits for x-rate-limit-reset after a 429 and posts exactly once", async () => {
    const ctx = await setup();
    const { conversation } = await mention(ctx, "@MaisonLumiere vous êtes là ?");
    x.failNext(/^\/2\/tweets$/, rateLimited(1));
    const text = `Oui, nous sommes là (${nextSnowflake()})`;
    const started = Date.now();
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text,
      kind: "reply",
    });
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.delivery?.attempts).toBe(2);
    expect(x.tweets.filter((t) => t.text === text)).toHaveLength(1);
    expect(x.requests.filter((r) => r.json?.text === text)).toHaveLength(2);
  });

  it("never posts twice when X took the post but its answer was lost", async () => {
    const ctx = await setup();
    const { conversation } = await mention(ctx, "@MaisonLumiere hello?");
    // The post is made, but the answer comes after Relais stopped waiting (3 s in tests).
    x.delayNext(/^\/2\/tweets$/, 4000);
    const text = `Réponse lente (${nextSnowflake()})`;
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text,
      kind: "reply",
    });
    const failed = await ctx.delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery?.error).toContain("may have been published");
    // Failed for good after its one attempt: the delivery counter says no second try was made.
    expect(failed.delivery?.attempts).toBe(1);
    await waitFor(() => x.tweets.some((t) => t.text === text), { message: "the slow post made" });
    expect(x.requests.filter((r) => r.json?.text === text)).toHaveLength(1);
    expect(x.tweets.filter((t) => t.text === text)).toHaveLength(1);
  });

  it("answers a public post privately by DM, acknowledging it in the thread", async () => {
    const ctx = await setup();
    const { tweet, conversation } = await mention(ctx, "@MaisonLumiere remboursez-moi !");
    const reply = await ctx.reply(
      conversation.id,
      "Pouvez-vous nous donner votre numéro de commande ?",
      "private",
    );
    expect(reply.status).toBe(201);
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    const dm = x.dms.find((d) => d.text === "Pouvez-vous nous donner votre numéro de commande ?");
    expect(dm?.participantId).toBe(ZOE.id);
    expect(sent.externalId).toBe(dm!.id);

    const ack = await waitFor(async () =>
      (await ctx.messages(conversation.id)).find(
        (m) => m.metadata.acknowledgesPrivateReply && m.delivery?.status === "sent",
      ),
    );
    expect(ack.visibility).toBe("public");
    const ackTweet = x.tweets.find((t) => t.id === ack.externalId);
    expect(ackTweet?.inReplyTo).toBe(tweet.id_str);
    expect(x.dms.some((d) => d.text === ack.text)).toBe(false);

    // X reports that Zoé read the DM.
    await ctx.deliver({
      for_user_id: BRAND,
      direct_message_mark_read_events: [
        {
          created_timestamp: String(Date.now()),
          sender_id: ZOE.id,
          target: { recipient_id: BRAND },
          last_read_event_id: dm!.id,
        },
      ],
    });
    await ctx.delivered(conversation.id, reply.body.data.id, "read");
  });

  it("tells a callback booked from a public mention by DM only, never in the thread", async () => {
    const ctx = await setup();
    const { conversation } = await mention(ctx, "@MaisonLumiere appelez-moi, c'est urgent");
    await bookCallbackFor(ctx.api, conversation.id);
    const dm = await waitFor(() => x.dms.find((d) => carriesCallbackPhone(d.text)));
    expect(dm.participantId).toBe(ZOE.id);
    await outboundSettled(ctx.api, conversation.id);
    expect(x.tweets.filter((t) => carriesCallbackPhone(t.text))).toEqual([]);
  });

  it("polls mentions with since_id when the account has no webhook", async () => {
    const ctx = await setup({ pollSeconds: 1 });
    const root = x.addMention(ZOE, { text: "@MaisonLumiere bonjour, une question" });
    await waitFor(async () => (await ctx.conversations()).length === 1);
    x.addMention(ZOE, {
      text: "@MaisonLumiere toujours là ?",
      conversationId: root,
      inReplyTo: root,
    });
    const conversation = (await ctx.conversations())[0]!;
    await waitFor(async () => (await ctx.messages(conversation.id)).length === 2);
    const polls = x.requests.filter((r) => r.url.startsWith(`/2/users/${BRAND}/mentions`));
    const query = new URL(polls.at(-1)!.url, x.url).searchParams;
    expect(query.get("since_id")).toBeTruthy();
    expect(query.get("expansions")).toContain("author_id");
    expect(query.get("user.fields")).toBe("public_metrics,profile_image_url,username,name");
    expect(await ctx.conversations()).toHaveLength(1);
    const contact = (await ctx.api.get(`/api/v1/contacts/${conversation.contact.id}`)).body.data;
    expect(contact.identities[0].followers).toBe(48_200);
    // Stops polling before the server shuts down.
    await ctx.api.patch(`/api/v1/channels/${ctx.channelId}`, { disabled: true });
  });

  it("polls DMs page by page without Account Activity, storing once a DM the webhook also pushed", async () => {
    x.dmPageSize = 2;
    const ctx = await setup({ pollSeconds: 1 });
    const dmPolls = () => x.requests.filter((r) => r.url.startsWith("/2/dm_events"));
    const before = dmPolls().length;
    const pushed = nextSnowflake();
    expect(
      (await ctx.deliver(dmDelivery(BRAND, ZOE, "Bonjour, ma commande ?", pushed))).status,
    ).toBe(200);
    x.addDm(ZOE, { id: pushed, text: "Bonjour, ma commande ?" });
    await waitFor(() => dmPolls().length > before + 1);
    // Mentions polled by the same channel open public conversations of their own.
    const direct = async () =>
      (await ctx.conversations()).filter((c) => c.visibility === "private");
    const [conversation] = await direct();

    x.addDm(ZOE, { text: "Elle devait arriver lundi." });
    x.addDm(ZOE, {
      text: "Voici le colis abîmé",
      mediaUrl: x.addDmMedia("colis.jpg", SAMPLE_MEDIA.png, "image/jpeg"),
    });
    x.addDm(ZOE, { text: "Vous êtes là ?" });
    const texts = await waitFor(async () => {
      const found = (await ctx.messages(conversation!.id)).map((m) => m.text);
      return found.length >= 4 ? found : null;
    });
    expect(texts).toEqual([
      "Bonjour, ma commande ?",
      "Elle devait arriver lundi.",
      "Voici le colis abîmé",
      "Vous êtes là ?",
    ]);
    // The photo, kept by Relais: fetched from X with the brand's OAuth signature, typed by its bytes.
    const photo = await waitFor(async () => {
      const found = (await ctx.messages(conversation!.id)).find((m) => m.text.includes("abîmé"));
      const file = found?.attachments[0];
      return file?.size === SAMPLE_MEDIA.png.length ? file : null;
    });
    expect(photo).toMatchObject({ filename: "colis.jpg", contentType: "image/png" });
    const download = x.requests.find((r) => r.url.includes("/ton/data/dm/"));
    expect(download?.headers.authorization).toMatch(/^OAuth .*oauth_signature=/);
    // A poll after that finds nothing new and stores nothing twice.
    const settled = dmPolls().length;
    await waitFor(() => dmPolls().length > settled + 1);
    expect(await direct()).toHaveLength(1);
    expect(await ctx.messages(conversation!.id)).toHaveLength(4);

    const query = new URL(dmPolls().at(-1)!.url, x.url).searchParams;
    expect(query.get("dm_event.fields")).toContain("sender_id");
    expect(query.get("dm_event.fields")).toContain("attachments");
    expect(query.get("expansions")).toContain("attachments.media_keys");
    expect(dmPolls().some((r) => r.url.includes("pagination_token="))).toBe(true);
    await ctx.api.patch(`/api/v1/channels/${ctx.channelId}`, { disabled: true });
    x.dmPageSize = 100;
  });

  it("relais channel add x creates the channel from its flags and prints its id and webhook URL", async () => {
    const { account } = await createAccount(relais.services);
    const flags =
      `--user-id ${BRAND} --consumer-key ck-1 --consumer-secret cs-1 --access-token at-1 ` +
      "--access-token-secret ats-1 --api-url http://127.0.0.1:9 --poll-seconds 0";
    const { printed, row, secrets } = await addChannelByCli(relais, account.id, [
      ...`channel add x --account ${account.slug} --name @MaisonLumiere`.split(" "),
      ...flags.split(" "),
    ]);
    expect(printed.webhookUrl).toMatch(new RegExp(`/hooks/${printed.id}$`));
    expect(row.kind).toBe("x");
    expect(row.config).toEqual({ userId: BRAND, apiUrl: "http://127.0.0.1:9", pollSeconds: 0 });
    expect(secrets).toEqual({
      consumerKey: "ck-1",
      consumerSecret: "cs-1",
      accessToken: "at-1",
      accessTokenSecret: "ats-1",
    });
  }, 60_000);
});
