import { beforeEach, describe, expect, it } from "vitest";
import { graphError, metaFixture, verifyMetaSubscription } from "../../../../test/fakes/graph.ts";
import {
  pairRateLimit,
  SAMPLE_MEDIA,
  type startWhatsAppFake,
} from "../../../../test/fakes/whatsapp.ts";
import { createApiChannel } from "../../../../test/support/factories.ts";
import type { TestRelais } from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { PHONE_NUMBER_ID, useWhatsApp, WA_ID } from "../../../../test/support/whatsappHarness.ts";
import type { TConversation } from "../../../shared/schemas.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { appSecretProof } from "../meta/graph.ts";

const ACCESS_TOKEN = "EAAJB0WhatsAppSystemUserToken";
const APP_SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const VERIFY_TOKEN = "relais-verify-whatsapp";

describe("WhatsApp Cloud API provider, end to end", () => {
  const running = useWhatsApp({
    accessToken: ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
  });
  let relais: TestRelais;
  let fake: Awaited<ReturnType<typeof startWhatsAppFake>>;
  beforeEach(() => {
    relais = running.relais();
    fake = running.fake();
  });

  async function setup() {
    const channel = await running.channel();
    const { hook, conversations } = channel;
    /** The customer's text, written `minutesAgo` minutes ago. */
    const customerWrites = async (minutesAgo: number) => {
      const payload = metaFixture("whatsapp-message-text");
      payload.entry[0].changes[0].value.messages[0].timestamp = String(
        Math.floor((Date.now() - minutesAgo * 60_000) / 1000),
      );
      expect((await hook(payload)).status).toBe(200);
      const [conversation] = await conversations();
      return conversation;
    };
    return { ...channel, customerWrites };
  }

  it("answers the subscription check and refuses unsigned deliveries", async () => {
    const { channel, hook, conversations } = await setup();
    const right = await verifyMetaSubscription(relais.url, channel.id, VERIFY_TOKEN);
    expect([right.status, right.text]).toEqual([200, "1158201444"]);
    expect((await verifyMetaSubscription(relais.url, channel.id, "wrong")).status).toBe(403);
    const unsigned = await hook(metaFixture("whatsapp-message-text"), { signature: null });
    expect(unsigned.status).toBe(401);
    const tampered = await hook(metaFixture("whatsapp-message-text"), {
      signature: `sha256=${appSecretProof("tampered", APP_SECRET)}`,
    });
    expect(tampered.status).toBe(401);
    expect(await conversations()).toHaveLength(0);
  });

  it("stores a message once, on the customer who already owns that phone number", async () => {
    const { account, hook, conversations, messages, api } = await setup();
    // The same customer, known from the web shop with a verified phone number.
    const { channel: shop } = await createApiChannel(relais.services, account.id);
    await inboundIngester(relais.services.db, shop, [
      {
        type: "message",
        message: {
          externalId: "shop-1",
          text: "Commande passée",
          visibility: "private",
          contact: {
            identity: { kind: "api", value: "shop-lucas", verified: true },
            name: "Lucas B.",
            phone: "+33 7 98 76 54 32",
          },
        },
      },
    ]);
    const payload = metaFixture("whatsapp-message-text");
    expect((await hook(payload)).text).toBe("EVENT_RECEIVED");
    await hook(payload);
    const list = await conversations();
    const whatsapp = list.filter((c: TConversation) => c.channel?.kind === "whatsapp");
    expect(whatsapp).toHaveLength(1);
    expect(await messages(whatsapp[0].id)).toHaveLength(1);
    const shopConversation = list.find((c: TConversation) => c.channel?.kind === "api");
    expect(whatsapp[0].contact.id).toBe(shopConversation.contact.id);
    const contact = (await api.get(`/api/v1/contacts/${whatsapp[0].contact.id}`)).body.data;
    expect(contact.identities).toContainEqual(
      expect.objectContaining({ kind: "whatsapp", value: WA_ID, displayName: "Lucas Bernard" }),
    );
    expect(contact.identities).toContainEqual(
      expect.objectContaining({ kind: "phone", value: "+33798765432" }),
    );
  });

  it("downloads images, documents and voice notes by media id and keeps them, typed by their bytes", async () => {
    const { token, hook, conversations, messages } = await setup();
    fake.addMedia("1481730225938714", SAMPLE_MEDIA.png, "image/jpeg");
    fake.addMedia("902348571293847", SAMPLE_MEDIA.exe, "application/pdf");
    fake.addMedia("1127453958284612", SAMPLE_MEDIA.opus, "audio/ogg; codecs=opus");
    await hook(metaFixture("whatsapp-message-image"));
    await hook(metaFixture("whatsapp-message-document"));
    const [conversation] = await conversations();
    const stored = await waitFor(
      async () => {
        const found = await messages(conversation.id);
        return found.length === 3 && found.every((m) => !m.attachments[0]?.url.startsWith("http"))
          ? found
          : null;
      },
      { message: "media downloaded" },
    );
    expect(stored[0]?.text).toBe("Le relevé bancaire");
    expect(stored[0]?.metadata.media).toEqual([
      expect.objectContaining({ id: "1481730225938714", mimeType: "image/jpeg" }),
    ]);
    // Each file is served by Relais, with the type its bytes show.
    const files = stored.map((m) => m.attachments[0]!);
    expect(files.map((f) => [f.filename, f.contentType, f.size])).toEqual([
      ["image-1481730225938714", "image/png", SAMPLE_MEDIA.png.length],
      ["facture-CMD-47790.pdf", "application/x-msdownload", SAMPLE_MEDIA.exe.length],
      ["audio-1127453958284612", "audio/ogg; codecs=opus", SAMPLE_MEDIA.opus.length],
    ]);
    const photo = await fetch(`${relais.url}${files[0]!.url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(SAMPLE_MEDIA.png);
    // Graph's media node with the token and proof, then the file's URL with the token alone.
    const nodes = fake.calls.filter((c) => c.method === "GET" && /^\d+$/.test(c.path));
    expect(nodes.map((c) => c.path).sort()).toEqual([
      "1127453958284612",
      "1481730225938714",
      "902348571293847",
    ]);
    expect(fake.fileDownloads()).toHaveLength(3);
  });

  it("retries a media download the CDN failed, and marks a file Meta no longer has unavailable", async () => {
    const { hook, conversations, messages } = await setup();
    fake.addMedia("1481730225938714", SAMPLE_MEDIA.png, "image/jpeg");
    fake.failNext(
      /^1481730225938714$/,
      graphError(503, { message: "Service unavailable", code: 2 }),
    );
    await hook(metaFixture("whatsapp-message-image"));
    await hook(metaFixture("whatsapp-message-document"));
    const [conversation] = await conversations();
    const stored = await waitFor(
      async () => {
        const found = await messages(conversation.id);
        const files = found.map((m) => m.attachments[0]);
        return files.length === 3 && files[0]?.contentType === "image/png" && files[1]?.unavailable
          ? found
          : null;
      },
      { message: "the photo kept, the document marked unavailable", timeoutMs: 20_000 },
    );
    expect(stored[1]?.attachments[0]).toMatchObject({ unavailable: "unavailable" });
  });

  it("sends a text in the window, then follows the sent, delivered and read statuses", async () => {
    const { customerWrites, api, delivered, hook } = await setup();
    const conversation = await customerWrites(30);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Bonjour Lucas, le double débit est annulé, remboursement sous 3 jours.",
    });
    expect(reply.status).toBe(201);
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    const [call] = fake.calls.filter((c) => c.method === "POST");
    expect(call!.path).toBe(`${PHONE_NUMBER_ID}/messages`);
    expect(call!.token).toBe(ACCESS_TOKEN);
    expect(call!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: WA_ID,
      type: "text",
      text: {
        preview_url: false,
        body: "Bonjour Lucas, le double débit est annulé, remboursement sous 3 jours.",
      },
    });
    expect(sent.externalId).toBe(fake.sent[0]!.id);

    await hook(metaFixture("whatsapp-status-delivered", { WAMID_PLACEHOLDER: sent.externalId }));
    await delivered(conversation.id, sent.id, "delivered");
    await hook(metaFixture("whatsapp-status-read", { WAMID_PLACEHOLDER: sent.externalId }));
    const read = await delivered(conversation.id, sent.id, "read");
    expect(read.delivery.deliveredAt).not.toBeNull();
    expect(read.delivery.readAt).not.toBeNull();
  });

  it("reports a failed status with WhatsApp's title and details", async () => {
    const { customerWrites, api, delivered, hook } = await setup();
    const conversation = await customerWrites(10);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Votre remboursement est en cours.",
    });
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    await hook(metaFixture("whatsapp-status-failed", { WAMID_PLACEHOLDER: sent.externalId }));
    const failed = await delivered(conversation.id, sent.id, "failed");
    expect(failed.delivery.error).toBe(
      "Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number. (code 131047)",
    );
  });

  it("refuses free text outside the 24-hour window before sending or storing anything", async () => {
    const { customerWrites, api, messages, delivered } = await setup();
    const conversation = await customerWrites(25 * 60);
    const refused = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Bonjour, avez-vous reçu le remboursement ?",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe("reply_refused");
    expect(refused.body.error.message).toContain("24 hours");
    expect(refused.body.error.message).toContain("template");
    expect(await messages(conversation.id)).toHaveLength(1);
    // A template sent after it is delivered: by then the refused text would have gone too.
    const template = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      template: { name: "suivi_commande", language: "fr", variables: ["Lucas", "CMD-47790"] },
    });
    await delivered(conversation.id, template.body.data.id, "sent");
    expect(fake.sent.map((sent) => sent.type)).toEqual(["template"]);
  });

  it("sends an approved template outside the window", async () => {
    const { customerWrites, api, delivered } = await setup();
    const conversation = await customerWrites(3 * 24 * 60);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      template: { name: "suivi_commande", language: "fr", variables: ["Lucas", "CMD-47790"] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.text).toBe("[suivi_commande] (Lucas, CMD-47790)");
    await delivered(conversation.id, reply.body.data.id, "sent");
    const [call] = fake.calls.filter((c) => c.method === "POST");
    expect(call!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: WA_ID,
      type: "template",
      template: {
        name: "suivi_commande",
        language: { code: "fr" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lucas" },
              { type: "text", text: "CMD-47790" },
            ],
          },
        ],
      },
    });
  });

  it("marks a send failed with the Cloud API's message and code", async () => {
    const { customerWrites, api, delivered } = await setup();
    const conversation = await customerWrites(5);
    fake.failNext(
      /\/messages$/,
      graphError(400, {
        message: "(#131026) Message Undeliverable.",
        code: 131026,
        details: "Message Undeliverable.",
      }),
    );
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Êtes-vous toujours là ?",
    });
    const failed = await delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery.error).toContain("(#131026) Message Undeliverable.");
    expect(failed.delivery.error).toContain("code 131026");
    expect(failed.delivery.attempts).toBe(1);
  });

  it("backs off on throughput and pair rate limits and delivers once", async () => {
    const { customerWrites, api, delivered } = await setup();
    const conversation = await customerWrites(5);
    fake.failNext(
      /\/messages$/,
      graphError(400, { message: "(#130429) Rate limit hit", code: 130429 }),
    );
    fake.failNext(/\/messages$/, pairRateLimit());
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Merci de votre patience.",
    });
    const sent = await delivered(conversation.id, reply.body.data.id, "sent");
    expect(sent.delivery.attempts).toBe(3);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.id).toBe(sent.externalId);
  });
});
