import { beforeEach, describe, expect, it } from "vitest";
import {
  graphError,
  metaDeliverer,
  postMetaHook,
  recentMetaFixture,
  startGraphFake,
  verifyMetaSubscription,
} from "../../../../test/fakes/graph.ts";
import { SAMPLE_MEDIA } from "../../../../test/fakes/media.ts";
import {
  socialChannel,
  type TestRelais,
  useSocialProvider,
} from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";
import { appSecretProof } from "../meta/graph.ts";

const PAGE_ID = "104857600123456";
const IG_USER_ID = "17841400123456789";
const IGSID = "8123456789012345";
const MEDIA_ID = "18023456789012345";
const COMMENT_ID = "17865799348089039";
const REPLY_ID = "17865799348089555";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAInstagramPageToken";
const APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const VERIFY_TOKEN = "relais-verify-instagram";

describe("Instagram provider, end to end", () => {
  const running = useSocialProvider(() =>
    startGraphFake({ accessToken: PAGE_TOKEN, appSecret: APP_SECRET }),
  );
  let relais: TestRelais;
  let graph: Awaited<ReturnType<typeof startGraphFake>>;
  beforeEach(() => {
    relais = running.relais();
    graph = running.fake();
    graph.calls.length = 0;
  });

  const setup = () =>
    socialChannel(relais, {
      kind: "instagram",
      name: "@maisonlumiere",
      locale: "en",
      config: { pageId: PAGE_ID, igUserId: IG_USER_ID, graphUrl: graph.url },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
      deliver: metaDeliverer(APP_SECRET),
    });

  it("verifies the subscription and every delivery's signature", async () => {
    const { channel, hook, conversations } = await setup();
    expect((await verifyMetaSubscription(relais.url, channel.id, VERIFY_TOKEN)).text).toBe(
      "1158201444",
    );
    expect((await verifyMetaSubscription(relais.url, channel.id, "guess")).status).toBe(403);
    const payload = recentMetaFixture("instagram-comment");
    const signedWithAnotherSecret = await postMetaHook(
      relais.url,
      channel.id,
      "another-app-secret",
      payload,
    );
    expect(signedWithAnotherSecret.status).toBe(401);
    expect((await hook(payload, { signature: null })).status).toBe(401);
    expect(await conversations()).toHaveLength(0);
  });

  it("threads comments on one media into a public conversation, once, without the brand's own", async () => {
    const { hook, conversations, messages, api } = await setup();
    await hook(recentMetaFixture("instagram-comment"));
    await hook(recentMetaFixture("instagram-comment"));
    await hook(recentMetaFixture("instagram-comment-reply"));
    await hook(recentMetaFixture("instagram-brand-comment"));
    const list = await conversations();
    expect(list).toHaveLength(1);
    expect(list[0].visibility).toBe("public");
    const row = await relais.services.db
      .selectFrom("conversations")
      .select("external_thread_id")
      .where("id", "=", list[0].id)
      .executeTakeFirstOrThrow();
    expect(row.external_thread_id).toBe(MEDIA_ID);
    const stored = await messages(list[0].id);
    expect(stored.map((m) => m.externalId)).toEqual([COMMENT_ID, REPLY_ID]);
    const contact = (await api.get(`/api/v1/contacts/${list[0].contact.id}`)).body.data;
    expect(contact.identities).toContainEqual(
      expect.objectContaining({ kind: "instagram", value: IGSID, handle: "priya.shah.uk" }),
    );
  });

  it("keeps direct messages private, ignores echoes and reflects unsends", async () => {
    const { hook, conversations, messages } = await setup();
    await hook(recentMetaFixture("instagram-message"));
    await hook(recentMetaFixture("instagram-echo"));
    const [conversation] = await conversations();
    expect(conversation.visibility).toBe("private");
    let stored = await messages(conversation.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.text).toContain("240x260");
    await hook(recentMetaFixture("instagram-message-deleted"));
    stored = await messages(conversation.id);
    expect(stored[0]?.deleted).toBe(true);
  });

  it("keeps a photo sent by direct message, downloaded from Meta's CDN and typed by its bytes", async () => {
    const { token, hook, firstConversation, messagesWhen } = await setup();
    graph.addCdnFile("ig_messaging_cdn/", SAMPLE_MEDIA.png, "image/jpeg");
    await hook(recentMetaFixture("instagram-message-image", { CDN_URL: graph.cdnUrl }));
    const conversation = await firstConversation();
    const [message] = await messagesWhen(
      conversation.id,
      (found) => found[0]?.attachments[0]?.contentType === "image/png",
      "the photo kept",
    );
    const file = message!.attachments[0]!;
    expect(file).toMatchObject({ filename: "image", size: SAMPLE_MEDIA.png.length });
    const photo = await fetch(`${relais.url}${file.url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(SAMPLE_MEDIA.png);
    expect(graph.cdnDownloads().at(-1)?.headers.authorization).toBeUndefined();
  });

  it("replies to a comment with POST /<comment-id>/replies on the top-level comment", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("instagram-comment"));
    await hook(recentMetaFixture("instagram-comment-reply"));
    const [conversation] = await conversations();
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Hi Priya, so sorry! Your duvet ships tomorrow.",
    });
    await delivered(conversation.id, reply.body.data.id, "sent");
    const [call] = graph.calls.filter((c) => c.method === "POST");
    expect(call!.path).toBe(`${COMMENT_ID}/replies`);
    expect(call!.body).toEqual({ message: "Hi Priya, so sorry! Your duvet ships tomorrow." });
    expect(call!.token).toBe(PAGE_TOKEN);
    expect(call!.query.get("appsecret_proof")).toBe(appSecretProof(PAGE_TOKEN, APP_SECRET));
  });

  it("answers a DM on /<ig-user-id>/messages and records the read receipt", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("instagram-message"));
    const [conversation] = await conversations();
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Oui, elle existe en 240x260 !",
    });
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    const [call] = graph.calls.filter((c) => c.method === "POST");
    expect(call!.path).toBe(`${IG_USER_ID}/messages`);
    expect(call!.body).toEqual({
      recipient: { id: IGSID },
      messaging_type: "RESPONSE",
      message: { text: "Oui, elle existe en 240x260 !" },
    });
    await hook(recentMetaFixture("instagram-read", { MID_PLACEHOLDER: sent.externalId }));
    await delivered(conversation.id, sent.id, "read");
  });

  it("shows Meta's reason when a send fails and retries a rate limit once more", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("instagram-message"));
    const [conversation] = await conversations();
    graph.failNext(
      /\/messages$/,
      graphError(400, {
        message: "(#10) This message is sent outside of allowed window.",
        code: 10,
        subcode: 2534022,
      }),
    );
    const refused = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Late answer",
    });
    const failed = await delivered(conversation.id, refused.body.data.id, "failed");
    expect(failed.delivery.error).toBe(
      "(#10) This message is sent outside of allowed window. (code 10, subcode 2534022)",
    );

    graph.failNext(
      /\/messages$/,
      graphError(400, {
        message: "(#613) Calls to this api have exceeded the rate limit.",
        code: 613,
      }),
    );
    const retried = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Second try",
    });
    const sent = await delivered(conversation.id, retried.body.data.id, "sent");
    expect(sent.delivery.attempts).toBe(2);
    const seconds = graph.calls.filter((c) => c.body?.message?.text === "Second try");
    expect(seconds).toHaveLength(2);
  });

  it("answers a comment privately with a Private Reply and acknowledges it publicly", async () => {
    const { hook, conversations, api, delivered, messages } = await setup();
    await hook(recentMetaFixture("instagram-comment"));
    const [conversation] = await conversations();
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Hi Priya, could you DM us your order number?",
      visibility: "private",
    });
    await delivered(conversation.id, reply.body.data.id, "sent");
    await waitFor(async () =>
      (await messages(conversation.id)).find(
        (m) => m.metadata.acknowledgesPrivateReply && m.delivery?.status === "sent",
      ),
    );
    const posts = graph.calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts.find((c) => c.path === `${IG_USER_ID}/messages`)!.body).toEqual({
      recipient: { comment_id: COMMENT_ID },
      message: { text: "Hi Priya, could you DM us your order number?" },
    });
    expect(posts.find((c) => c.path === `${COMMENT_ID}/replies`)!.body).toEqual({
      message: "We've sent you a private message. 📩",
    });
  });

  it("tells a callback booked from a comment by Private Reply only, never in the thread", async () => {
    const { hook, conversations, api } = await setup();
    await hook(recentMetaFixture("instagram-comment"));
    const [conversation] = await conversations();
    await bookCallbackFor(api, conversation.id);
    await outboundSettled(api, conversation.id);
    const posts = graph.calls.filter((c) => c.method === "POST");
    const privateReply = posts.find((c) => c.path === `${IG_USER_ID}/messages`);
    expect(privateReply?.body).toMatchObject({ recipient: { comment_id: COMMENT_ID } });
    expect(carriesCallbackPhone(JSON.stringify(privateReply?.body))).toBe(true);
    const inThread = posts.filter((c) => c.path !== `${IG_USER_ID}/messages`);
    expect(inThread.filter((c) => carriesCallbackPhone(JSON.stringify(c.body)))).toEqual([]);
  });
});
