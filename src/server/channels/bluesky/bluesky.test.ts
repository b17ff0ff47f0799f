import { describe, expect, it } from "vitest";
import {
  actor,
  blueskyRateLimited,
  startBlueskyFake,
  xrpcError,
} from "../../../../test/fakes/bluesky.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import {
  addChannelByCli,
  socialChannel,
  useSocialProvider,
} from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TConversation } from "../../../shared/schemas.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";
import { mentionFacets } from "./provider.ts";

const APP_PASSWORD = "abcd-efgh-ijkl-mnop";
const BRAND = actor("maisonlumiere.bsky.social", { displayName: "Maison Lumière" });
const NOAH = actor("noah.bsky.social", { displayName: "Noah Petit", followersCount: 12_400 });

describe("Bluesky channel, end to end", () => {
  const running = useSocialProvider(
    () => startBlueskyFake({ brand: BRAND, appPassword: APP_PASSWORD }),
    {},
    { shared: false },
  );
  const relais = () => running.relais();

  /** A fresh account, its own PDS, and a channel polling it every second. */
  async function setup() {
    const fake = await running.freshFake();
    const channel = await socialChannel(relais(), {
      kind: "bluesky",
      name: "@maisonlumiere.bsky.social",
      config: { handle: BRAND.handle, serviceUrl: fake.url, pollSeconds: 1 },
      secrets: { appPassword: APP_PASSWORD },
      throughApi: true,
    });
    /** The account's conversations, typed (the harness leaves them untyped). */
    const conversations = async (): Promise<TConversation[]> => channel.conversations();
    return { ...channel, conversations, fake, stop: channel.pausePolling };
  }

  it("polls mentions, replies and quotes into one thread, with reach, images and one session", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const root = fake.post(NOAH, {
      text: "@maisonlumiere.bsky.social ma commande n'est jamais arrivée",
      images: ["bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"],
    });
    fake.like(NOAH, root);
    const { conversation, message } = await ctx.stored(root.uri);
    expect(message.visibility).toBe("public");
    expect(message.attachments[0]?.url).toBe(
      `https://cdn.bsky.app/img/feed_fullsize/plain/${NOAH.did}/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy@jpeg`,
    );
    const answer = fake.post(NOAH, { text: "toujours rien", parent: root });
    const deeper = fake.post(NOAH, { text: "allô ?", parent: answer, root });
    const quote = fake.post(NOAH, { text: "voilà le service client…", reason: "quote" });
    expect((await ctx.stored(answer.uri)).conversation.id).toBe(conversation.id);
    expect((await ctx.stored(deeper.uri)).conversation.id).toBe(conversation.id);
    expect((await ctx.stored(quote.uri)).conversation.id).not.toBe(conversation.id);
    expect((await ctx.messages(conversation.id)).map((m) => m.text)).not.toContain("like");

    const contact = (await ctx.api.get(`/api/v1/contacts/${conversation.contact.id}`)).body.data;
    expect(contact.identities).toEqual([
      expect.objectContaining({
        kind: "bluesky",
        value: NOAH.did,
        handle: "@noah.bsky.social",
        displayName: "Noah Petit",
        avatarUrl: NOAH.avatar,
        followers: 12_400,
      }),
    ]);
    await ctx.stop();
    expect(fake.sessions.created).toBe(1);
    const polls = fake.requests.filter((r) => r.url.includes("listNotifications"));
    expect(polls.length).toBeGreaterThan(1);
  });

  it("tells a callback booked from a public post by chat only, never in a post", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const root = fake.post(NOAH, { text: "@maisonlumiere.bsky.social appelez-moi svp" });
    const { conversation } = await ctx.stored(root.uri);
    await ctx.stop();
    await bookCallbackFor(ctx.api, conversation.id);
    await outboundSettled(ctx.api, conversation.id);
    const chat = fake.chat.filter((m) => carriesCallbackPhone(m.text));
    expect(chat.map((m) => m.to)).toEqual([NOAH.did]);
    const posts = fake.records.map((r) => String((r.record as { text?: unknown }).text));
    expect(posts.filter(carriesCallbackPhone)).toEqual([]);
  });

  it("receives DMs from the chat log privately, reflects their deletion, stores repeats once", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const id = fake.dm(NOAH, "Bonjour, c'est au sujet de la commande 4821");
    const { conversation, message } = await ctx.stored(id);
    expect(conversation.visibility).toBe("private");
    expect(message.visibility).toBe("private");
    const getLog = fake.requests.find((r) => r.url.includes("chat.bsky.convo.getLog"))!;
    expect(getLog.headers["atproto-proxy"]).toBe("did:web:api.bsky.chat#bsky_chat");

    fake.deleteDm(NOAH, id);
    await waitFor(async () => (await ctx.messages(conversation.id))[0]?.deleted);

    // As after a lost cursor: everything comes again, and is stored once.
    const post = fake.post(NOAH, { text: "@maisonlumiere.bsky.social bonjour" });
    await ctx.stored(post.uri);
    await relais()
      .services.db.updateTable("channels")
      .set({ state: JSON.stringify({}) })
      .where("id", "=", ctx.channelId)
      .execute();
    const later = fake.dm(NOAH, "Vous avez reçu mon message ?");
    await ctx.stored(later);
    await ctx.stop();
    const all = await Promise.all((await ctx.conversations()).map((c) => ctx.messages(c.id)));
    const ids = all.flat().map((m) => m.externalId);
    expect(ids.filter((externalId) => externalId === post.uri)).toHaveLength(1);
    expect(ids.filter((externalId) => externalId === id)).toHaveLength(1);
  });

  it("replies with createRecord, root and parent references, refreshing an expired session", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const root = fake.post(NOAH, { text: "@maisonlumiere.bsky.social une question" });
    const answer = fake.post(NOAH, { text: "vous êtes là ?", parent: root });
    const { conversation } = await ctx.stored(answer.uri);
    await ctx.stop();
    fake.expireAccessTokens();
    const reply = await ctx.reply(conversation.id, "Oui @noah.bsky.social, nous regardons !");
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);

    const request = fake.requests.find((r) => r.url === "/xrpc/com.atproto.repo.createRecord")!;
    expect(request.method).toBe("POST");
    expect(String(request.headers.authorization)).toMatch(/^Bearer access-/);
    expect(request.json).toEqual({
      repo: BRAND.did,
      collection: "app.bsky.feed.post",
      record: {
        $type: "app.bsky.feed.post",
        text: "Oui @noah.bsky.social, nous regardons !",
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        reply: { root, parent: answer },
        facets: [
          {
            index: { byteStart: 4, byteEnd: 21 },
            features: [{ $type: "app.bsky.richtext.facet#mention", did: NOAH.did }],
          },
        ],
      },
    });
    expect(sent.externalId).toBe(fake.records[0]?.uri);
    expect(fake.requests.some((r) => r.url.includes("refreshSession"))).toBe(true);
    expect(fake.sessions.created).toBe(1);
  });

  it("marks the reply failed with Bluesky's own reason", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const post = fake.post(NOAH, { text: "@maisonlumiere.bsky.social ?" });
    const { conversation } = await ctx.stored(post.uri);
    await ctx.stop();
    fake.failNext(
      "com.atproto.repo.createRecord",
      xrpcError(
        400,
        "InvalidRequest",
        "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes",
      ),
    );
    const reply = await ctx.reply(conversation.id, "Une réponse bien trop longue");
    const failed = await ctx.delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery?.error).toContain("Record/text must not be longer than 300 graphemes");
    expect(fake.records).toHaveLength(0);
  });

  it("waits for ratelimit-reset after a 429 and posts exactly once", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const post = fake.post(NOAH, { text: "@maisonlumiere.bsky.social allô" });
    const { conversation } = await ctx.stored(post.uri);
    await ctx.stop();
    fake.failNext("com.atproto.repo.createRecord", blueskyRateLimited(1));
    const started = Date.now();
    const reply = await ctx.reply(conversation.id, "Nous sommes là.");
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.delivery?.attempts).toBe(2);
    expect(fake.records).toHaveLength(1);
    expect(fake.requests.filter((r) => r.url.includes("createRecord"))).toHaveLength(2);
  });

  it("answers a public post privately by chat, acknowledging it in the thread", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const post = fake.post(NOAH, { text: "@maisonlumiere.bsky.social remboursez-moi" });
    const { conversation } = await ctx.stored(post.uri);
    await ctx.stop();
    const reply = await ctx.reply(
      conversation.id,
      "Écrivez-nous votre numéro de commande",
      "private",
    );
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    const lookup = fake.requests.find((r) => r.url.includes("getConvoForMembers"))!;
    expect(new URL(lookup.url, fake.url).searchParams.getAll("members")).toEqual([NOAH.did]);
    expect(lookup.headers["atproto-proxy"]).toBe("did:web:api.bsky.chat#bsky_chat");
    const send = fake.requests.find((r) => r.url === "/xrpc/chat.bsky.convo.sendMessage")!;
    expect(send.headers["atproto-proxy"]).toBe("did:web:api.bsky.chat#bsky_chat");
    expect(send.json).toEqual({
      convoId: `convo-${NOAH.did}`,
      message: { text: "Écrivez-nous votre numéro de commande" },
    });
    expect(sent.externalId).toBe(fake.chat[0]?.id);

    const ack = await waitFor(async () =>
      (await ctx.messages(conversation.id)).find(
        (m) => m.metadata.acknowledgesPrivateReply && m.delivery?.status === "sent",
      ),
    );
    const record = fake.records.find((r) => r.uri === ack.externalId)!;
    expect(record.record.reply).toEqual({ root: post, parent: post });
    expect(fake.chat).toHaveLength(1);
  });

  it("relais channel add bluesky creates the channel from its flags", async () => {
    const { account } = await createAccount(relais().services);
    const { row, secrets } = await addChannelByCli(relais(), account.id, [
      ...`channel add bluesky --account ${account.slug} --name Bluesky`.split(" "),
      ...`--handle ${BRAND.handle} --app-password ${APP_PASSWORD} --poll-seconds 0`.split(" "),
    ]);
    expect(row.config).toEqual({
      handle: BRAND.handle,
      serviceUrl: "https://bsky.social",
      pollSeconds: 0,
    });
    expect(secrets).toEqual({ appPassword: APP_PASSWORD });
  }, 60_000);
});

describe("Bluesky mention facets", () => {
  it("marks the customer's handle by UTF-8 byte offsets, not a longer handle", () => {
    const recipient = { value: "did:plc:noah", handle: "@noah.bsky.social" } as never;
    expect(mentionFacets("Merci @noah.bsky.social.", recipient)).toEqual([
      {
        index: { byteStart: 6, byteEnd: 23 },
        features: [{ $type: "app.bsky.richtext.facet#mention", did: "did:plc:noah" }],
      },
    ]);
    expect(mentionFacets("Élan @noah.bsky.social", recipient)[0]?.index).toEqual({
      byteStart: 6,
      byteEnd: 23,
    });
    expect(mentionFacets("@noah.bsky.social.eu bonjour", recipient)).toEqual([]);
  });
});
