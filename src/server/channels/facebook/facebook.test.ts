import { beforeEach, describe, expect, it } from "vitest";
import {
  businessUsageHeader,
  graphError,
  metaDeliverer,
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
import { appSecretProof, GRAPH_VERSION } from "../meta/graph.ts";

const PAGE_ID = "104857600123456";
const PSID = "7281946350012345";
const COMMENTER = "6712345098765432";
const POST_ID = "104857600123456_122131676912594941";
const COMMENT_ID = "122131676912594941_1213590066982748";
const REPLY_ID = "122131676912594941_1213590066982799";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAPageTokenForTests";
const APP_SECRET = "f3c9d1e5a7b2c4d6e8f0a1b3c5d7e9f1";
const VERIFY_TOKEN = "relais-verify-facebook";

describe("Facebook provider, end to end", () => {
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
      kind: "facebook",
      name: "Maison Lumière",
      config: { pageId: PAGE_ID, graphUrl: graph.url },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
      deliver: metaDeliverer(APP_SECRET),
    });

  it("answers Meta's subscription check only with the right verify token", async () => {
    const { channel } = await setup();
    const right = await verifyMetaSubscription(relais.url, channel.id, VERIFY_TOKEN);
    expect(right.status).toBe(200);
    expect(right.text).toBe("1158201444");
    expect(right.contentType).toMatch(/^text\/plain/);
    const wrong = await verifyMetaSubscription(relais.url, channel.id, "not-the-token");
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain("1158201444");
  });

  it("rejects a webhook whose X-Hub-Signature-256 is wrong or missing, storing nothing", async () => {
    const { hook, conversations } = await setup();
    const payload = recentMetaFixture("facebook-feed-comment");
    const forged = await hook(payload, { signature: `sha256=${"0".repeat(64)}` });
    expect(forged.status).toBe(401);
    const missing = await hook(payload, { signature: null });
    expect(missing.status).toBe(401);
    expect(await conversations()).toHaveLength(0);
    const signed = await hook(payload);
    expect(signed.status).toBe(200);
    expect(signed.text).toBe("EVENT_RECEIVED");
  });

  it("keeps a post's comments in one public conversation, with edits, removals and no duplicates", async () => {
    const { hook, conversations, messages, messagesWhen, api } = await setup();
    expect((await hook(recentMetaFixture("facebook-feed-comment"))).status).toBe(200);
    expect((await hook(recentMetaFixture("facebook-feed-comment"))).status).toBe(200);
    // The customer's photo of the parcel, on Meta's CDN (the fake's, on loopback).
    graph.addCdnFile("v/t39.30808-6/suivi_colis.jpg", SAMPLE_MEDIA.png, "image/jpeg");
    await hook(recentMetaFixture("facebook-feed-comment-reply", { CDN_URL: graph.cdnUrl }));
    await hook(recentMetaFixture("facebook-feed-page-comment"));

    const list = await conversations();
    expect(list).toHaveLength(1);
    const conversation = list[0];
    expect(conversation.visibility).toBe("public");
    expect(conversation.contact.name).toBe("Élodie Martin");
    const row = await relais.services.db
      .selectFrom("conversations")
      .select("external_thread_id")
      .where("id", "=", conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.external_thread_id).toBe(POST_ID);

    let stored = await messages(conversation.id);
    expect(stored.map((m) => m.externalId)).toEqual([COMMENT_ID, REPLY_ID]);
    expect(stored.every((m) => m.visibility === "public" && m.direction === "in")).toBe(true);
    // Downloaded from the CDN and kept by Relais, typed by its bytes (a PNG named .jpg).
    stored = await messagesWhen(
      conversation.id,
      (found) => found[1]?.attachments[0]?.contentType === "image/png",
      "the comment's photo kept",
    );
    expect(stored[1]?.attachments[0]).toMatchObject({
      filename: "suivi_colis.jpg",
      size: SAMPLE_MEDIA.png.length,
    });
    expect(stored[1]?.attachments[0]?.url).not.toContain(graph.url);

    const contact = (await api.get(`/api/v1/contacts/${conversation.contact.id}`)).body.data;
    expect(contact.identities).toContainEqual(
      expect.objectContaining({ kind: "facebook", value: COMMENTER, displayName: "Élodie Martin" }),
    );

    await hook(recentMetaFixture("facebook-feed-comment-edited"));
    await hook(recentMetaFixture("facebook-feed-comment-removed"));
    stored = await messages(conversation.id);
    expect(stored[0]?.text).toContain("ça fait 12 jours");
    expect(stored[0]?.editedAt).not.toBeNull();
    expect(stored[1]?.deleted).toBe(true);
  });

  it("stores Messenger messages as a private conversation, never the Page's echoes", async () => {
    const { hook, conversations, messages } = await setup();
    await hook(recentMetaFixture("facebook-messaging-message"));
    await hook(recentMetaFixture("facebook-messaging-echo"));
    await hook(recentMetaFixture("facebook-messaging-edit"));
    const list = await conversations();
    expect(list).toHaveLength(1);
    expect(list[0].visibility).toBe("private");
    const stored = await messages(list[0].id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.text).toBe(
      "Hi, the blender I received smells of burning after two uses. Order #A-10293.",
    );
  });

  it("keeps a Messenger photo as an attachment, downloaded from Meta's CDN and typed by its bytes", async () => {
    const { token, hook, firstConversation, messagesWhen } = await setup();
    graph.addCdnFile("v/t1.15752-9/blender_photo.png", SAMPLE_MEDIA.png, "image/png");
    await hook(recentMetaFixture("facebook-messaging-message", { CDN_URL: graph.cdnUrl }));
    const conversation = await firstConversation();
    const [message] = await messagesWhen(
      conversation.id,
      (found) => found[0]?.attachments[0]?.size === SAMPLE_MEDIA.png.length,
      "the photo kept",
    );
    const file = message!.attachments[0]!;
    expect(file).toMatchObject({ filename: "blender_photo.png", contentType: "image/png" });
    // Served by Relais now, not by Meta's expiring link.
    const photo = await fetch(`${relais.url}${file.url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(SAMPLE_MEDIA.png);
    // The CDN link is its own credential: the Page token never goes to it.
    const download = graph.cdnDownloads().find((request) => request.url.includes("blender"));
    expect(download?.url).toBe("/cdn/v/t1.15752-9/blender_photo.png?stp=dst-png");
    expect(download?.headers.authorization).toBeUndefined();
  });

  it("marks a Messenger file that Meta's CDN no longer has unavailable, without retrying it", async () => {
    const { hook, firstConversation, messagesWhen } = await setup();
    const before = graph.cdnDownloads().length;
    // A link to a file the CDN does not have (expired): 404.
    await hook(
      recentMetaFixture("facebook-messaging-message", { CDN_URL: `${graph.cdnUrl}/gone` }),
    );
    const conversation = await firstConversation();
    const [message] = await messagesWhen(
      conversation.id,
      (found) => Boolean(found[0]?.attachments[0]?.unavailable),
      "the missing photo marked unavailable",
    );
    expect(message!.attachments[0]).toMatchObject({ unavailable: "unavailable" });
    expect(graph.cdnDownloads().length - before).toBe(1);
  });

  it("answers a comment publicly in its thread, under the top-level comment", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("facebook-feed-comment"));
    await hook(recentMetaFixture("facebook-feed-comment-reply"));
    const [conversation] = await conversations();
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Bonjour Élodie, votre colis part aujourd'hui en express.",
    });
    expect(reply.status).toBe(201);
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");

    const calls = graph.calls.filter((call) => call.method === "POST");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe(`${COMMENT_ID}/comments`);
    expect(calls[0]!.body).toEqual({
      message: "Bonjour Élodie, votre colis part aujourd'hui en express.",
    });
    expect(calls[0]!.token).toBe(PAGE_TOKEN);
    expect(calls[0]!.query.get("appsecret_proof")).toBe(appSecretProof(PAGE_TOKEN, APP_SECRET));
    expect(sent.externalId).toMatch(/^122131676912594941_\d+$/);
    expect(GRAPH_VERSION).toMatch(/^v\d+\.0$/);
  });

  it("answers Messenger with the Send API, then records delivery and read receipts", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("facebook-messaging-message"));
    const [conversation] = await conversations();
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Hello James, we're sending a replacement today.",
    });
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    const call = graph.calls.find((c) => c.method === "POST")!;
    expect(call.path).toBe(`${PAGE_ID}/messages`);
    expect(call.token).toBe(PAGE_TOKEN);
    expect(call.body).toEqual({
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { text: "Hello James, we're sending a replacement today." },
    });

    const delivery = recentMetaFixture("facebook-messaging-delivery", {
      MID_PLACEHOLDER: sent.externalId,
    });
    expect((await hook(delivery)).status).toBe(200);
    await delivered(conversation.id, sent.id, "delivered");
    // Messenger's read receipt names no message: everything sent before its watermark is read.
    const read = recentMetaFixture("facebook-messaging-read");
    read.entry[0].messaging[0].read.watermark = Date.now() + 1000;
    await hook(read);
    const done = await delivered(conversation.id, sent.id, "read");
    expect(done.delivery.readAt).not.toBeNull();
  });

  it("marks a reply failed with Meta's own reason, without retrying", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("facebook-messaging-message"));
    const [conversation] = await conversations();
    graph.failNext(
      /\/messages$/,
      graphError(400, {
        message: "(#551) This person isn't available right now.",
        code: 551,
        subcode: 1545041,
      }),
    );
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Are you still there?",
    });
    const failed = await delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery.error).toContain("(#551) This person isn't available right now.");
    expect(failed.delivery.error).toContain("code 551");
    expect(failed.delivery.attempts).toBe(1);
    expect(graph.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("waits out rate limits (429 and Meta's codes) and sends exactly once", async () => {
    const { hook, conversations, api, delivered } = await setup();
    await hook(recentMetaFixture("facebook-messaging-message"));
    const [conversation] = await conversations();
    graph.failNext(/\/messages$/, {
      status: 429,
      headers: { "retry-after": "0" },
      body: { error: { message: "Too many requests", type: "OAuthException", code: 4 } },
    });
    graph.failNext(
      /\/messages$/,
      graphError(
        400,
        { message: "(#32) Page request limit reached", code: 32 },
        businessUsageHeader(PAGE_ID, "pages", 0),
      ),
    );
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Thanks for your patience.",
    });
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    const posts = graph.calls.filter((c) => c.method === "POST");
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((c) => JSON.stringify(c.body))).size).toBe(1);
    expect(sent.delivery.attempts).toBe(3);
    expect(sent.externalId).toMatch(/^m_/);
  });

  it("moves a public comment to a private reply, with a public acknowledgement in the thread", async () => {
    const { hook, conversations, api, delivered, messages } = await setup();
    await hook(recentMetaFixture("facebook-feed-comment"));
    const [conversation] = await conversations();
    graph.setCommenter(COMMENT_ID, PSID);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Pouvez-vous nous envoyer votre adresse de livraison en privé ?",
      visibility: "private",
    });
    expect(reply.status).toBe(201);
    const privatelySent = await delivered(conversation.id, reply.body.data.id, "sent");
    const ack = await waitFor(async () =>
      (await messages(conversation.id)).find(
        (m) => m.metadata.acknowledgesPrivateReply && m.delivery?.status === "sent",
      ),
    );
    expect(ack.visibility).toBe("public");

    const posts = graph.calls.filter((c) => c.method === "POST");
    const privateReply = posts.find((c) => c.path === `${PAGE_ID}/messages`)!;
    expect(privateReply.body).toEqual({
      recipient: { comment_id: COMMENT_ID },
      message: { text: "Pouvez-vous nous envoyer votre adresse de livraison en privé ?" },
    });
    const publicAck = posts.find((c) => c.path === `${COMMENT_ID}/comments`)!;
    expect(publicAck.body).toEqual({ message: "Nous vous avons répondu en message privé. 📩" });
    expect(posts).toHaveLength(2);

    // The customer answers the Private Reply in Messenger, quoting it: same conversation.
    const answer = recentMetaFixture("facebook-messaging-message");
    answer.entry[0].messaging[0].message.reply_to = { mid: privatelySent.externalId };
    await hook(answer);
    expect(await conversations()).toHaveLength(1);
    const thread = await messages(conversation.id);
    expect(
      thread.find((m) => m.externalId === answer.entry[0].messaging[0].message.mid),
    ).toMatchObject({
      direction: "in",
      visibility: "private",
    });
  });

  it("refuses a public reply on a Messenger conversation before storing it", async () => {
    const { hook, conversations, api, messages } = await setup();
    await hook(recentMetaFixture("facebook-messaging-message"));
    const [conversation] = await conversations();
    const refused = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Public?",
      visibility: "public",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("only be answered privately");
    expect(await messages(conversation.id)).toHaveLength(1);
  });

  it("tells a callback booked from a comment by Private Reply only, never in the thread", async () => {
    const { hook, conversations, api } = await setup();
    await hook(recentMetaFixture("facebook-feed-comment"));
    const [conversation] = await conversations();
    graph.setCommenter(COMMENT_ID, PSID);
    await bookCallbackFor(api, conversation.id);
    await outboundSettled(api, conversation.id);
    const posts = graph.calls.filter((c) => c.method === "POST");
    const privateReply = posts.find((c) => c.path === `${PAGE_ID}/messages`);
    expect(privateReply?.body).toMatchObject({ recipient: { comment_id: COMMENT_ID } });
    expect(carriesCallbackPhone(JSON.stringify(privateReply?.body))).toBe(true);
    const inThread = posts.filter((c) => c.path !== `${PAGE_ID}/messages`);
    expect(inThread.filter((c) => carriesCallbackPhone(JSON.stringify(c.body)))).toEqual([]);
  });
});
