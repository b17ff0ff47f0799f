import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  fakeId,
  graphError,
  metaFixture,
  postMetaHook,
  startGraphFake,
} from "../../../../test/fakes/graph.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TMessage } from "../../../shared/schemas.ts";
import { channelCreator } from "../../commands/channelCreator.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE_ID = "104857600123456";
const IG_USER_ID = "17841400123456789";
const PSID = "7281946350012345";
const IGSID = "8123456789012345";
const COMMENT_ID = "122131676912594941_1213590066982748";
const IG_COMMENT_ID = "17865799348089039";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAWindowTestsToken";
const APP_SECRET = "5e0c1d2a3b4f5a6978877665544332211";

/**
 * Meta's messaging windows, checked before anything is sent: 24 hours as a RESPONSE, then the
 * HUMAN_AGENT tag up to 7 days (when the channel has the permission), then refused; Private
 * Replies within 7 days of the comment and once per comment. Against the Graph API fake.
 */
describe("Messenger and Instagram windows, before sending", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let graph: Awaited<ReturnType<typeof startGraphFake>>;

  beforeAll(async () => {
    relais = await startTestRelais();
    graph = await startGraphFake({ accessToken: PAGE_TOKEN, appSecret: APP_SECRET });
  });
  afterAll(async () => {
    await relais?.stop();
    await graph?.close();
  });
  beforeEach(() => {
    graph.calls.length = 0;
  });

  async function setup(kind: "facebook" | "instagram") {
    const { account, token } = await createAccount(relais.services, { locale: "fr" });
    const channel = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: account.id,
      kind,
      name: kind,
      config: { pageId: PAGE_ID, igUserId: IG_USER_ID, graphUrl: graph.url },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-windows" },
    });
    const api = apiClient(relais.url, token);
    const hook = async (payload: unknown) => {
      const answer = await postMetaHook(relais.url, channel.id, APP_SECRET, payload);
      expect(answer.status).toBe(200);
    };
    const onlyConversation = async (): Promise<string> => {
      const list = (await api.get("/api/v1/conversations")).body.data;
      expect(list).toHaveLength(1);
      return list[0].id;
    };
    const messages = async (id: string) =>
      (await api.get(`/api/v1/conversations/${id}/messages`)).body.data as TMessage[];
    const reply = (conversationId: string, text: string, visibility?: "private") =>
      api.post(`/api/v1/conversations/${conversationId}/messages`, { text, visibility });
    const delivery = (conversationId: string, messageId: string, status: string) =>
      waitFor(
        async () => {
          const found = (await messages(conversationId)).find((m) => m.id === messageId);
          return found?.delivery?.status === status ? found.delivery : null;
        },
        { message: `message ${messageId} ${status}` },
      );
    const posts = () => graph.calls.filter((call) => call.method === "POST");
    /** Waits until nothing is on its way (a public acknowledgement), so no call leaks onward. */
    const settled = (conversationId: string) =>
      waitFor(async () =>
        (await messages(conversationId)).every((m) => m.delivery?.status !== "queued"),
      );
    return { channel, api, hook, onlyConversation, messages, reply, delivery, posts, settled };
  }

  /** Moves the customer's messages in the conversation to `ago` ms before now. */
  async function backdate(conversationId: string, ago: number) {
    await sql`update messages set created_at = ${new Date(Date.now() - ago)}
      where conversation_id = ${conversationId} and direction = 'in'`.execute(relais.services.db);
  }

  /** The customer's Messenger message, written `ago` ms before now. */
  function messengerMessage(ago: number) {
    const payload = metaFixture("facebook-messaging-message");
    payload.entry[0].messaging[0].timestamp = Date.now() - ago;
    payload.entry[0].messaging[0].message.mid = `m_${fakeId()}`;
    return payload;
  }

  /** The customer's Instagram direct message, written `ago` ms before now. */
  function instagramMessage(ago: number) {
    const payload = metaFixture("instagram-message");
    payload.entry[0].messaging[0].timestamp = Date.now() - ago;
    payload.entry[0].messaging[0].message.mid = `aWdf${fakeId()}`;
    return payload;
  }

  /** A comment on the Page's post, written `ago` ms before now (Unix seconds, as Meta sends). */
  function pageComment(ago: number) {
    const payload = metaFixture("facebook-feed-comment");
    payload.entry[0].changes[0].value.created_time = Math.floor((Date.now() - ago) / 1000);
    return payload;
  }

  it("answers within 24 hours as a RESPONSE", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(messengerMessage(23 * HOUR));
    const conversation = await ctx.onlyConversation();
    const sent = await ctx.reply(conversation, "Nous envoyons un remplaçant aujourd'hui.");
    expect(sent.status).toBe(201);
    await ctx.delivery(conversation, sent.body.data.id, "sent");
    expect(ctx.posts()).toHaveLength(1);
    expect(ctx.posts()[0]!.body).toEqual({
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { text: "Nous envoyons un remplaçant aujourd'hui." },
    });
  });

  it("answers after 24 hours with the HUMAN_AGENT tag, up to 7 days", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(messengerMessage(3 * DAY));
    const conversation = await ctx.onlyConversation();
    const sent = await ctx.reply(conversation, "Désolés pour l'attente : voici le suivi.");
    expect(sent.status).toBe(201);
    await ctx.delivery(conversation, sent.body.data.id, "sent");
    expect(ctx.posts()[0]!.path).toBe(`${PAGE_ID}/messages`);
    expect(ctx.posts()[0]!.body).toEqual({
      recipient: { id: PSID },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Désolés pour l'attente : voici le suivi." },
    });
  });

  it("refuses a reply 8 days after the customer's last message: nothing stored, nothing sent", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(messengerMessage(8 * DAY));
    const conversation = await ctx.onlyConversation();
    const refused = await ctx.reply(conversation, "Toujours là ?");
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe("reply_refused");
    expect(refused.body.error.message).toContain("8 days ago");
    expect(refused.body.error.message).toContain("only within 7 days");
    expect(await ctx.messages(conversation)).toHaveLength(1);
    expect(ctx.posts()).toHaveLength(0);
  });

  it("refuses a reply after 24 hours when the channel has no Human Agent permission", async () => {
    const ctx = await setup("facebook");
    const off = await ctx.api.patch(`/api/v1/channels/${ctx.channel.id}`, {
      config: { humanAgent: false },
    });
    expect(off.status).toBe(200);
    expect(off.body.data.config.humanAgent).toBe(false);
    await ctx.hook(messengerMessage(3 * DAY));
    const conversation = await ctx.onlyConversation();
    const refused = await ctx.reply(conversation, "Bonjour ?");
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("does not use the Human Agent permission");
    expect(ctx.posts()).toHaveLength(0);

    // Within 24 hours, the same channel still answers.
    await ctx.hook(messengerMessage(HOUR));
    const sent = await ctx.reply(conversation, "Bonjour, nous regardons.");
    expect(sent.status).toBe(201);
    await ctx.delivery(conversation, sent.body.data.id, "sent");
    expect(ctx.posts()[0]!.body.messaging_type).toBe("RESPONSE");
  });

  it("checks the window again when sending: a retry after it closed is refused with its reason", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(messengerMessage(2 * HOUR));
    const conversation = await ctx.onlyConversation();
    graph.failNext(
      /\/messages$/,
      graphError(400, { message: "(#551) This person isn't available right now.", code: 551 }),
    );
    const sent = await ctx.reply(conversation, "Votre colis est parti.");
    await ctx.delivery(conversation, sent.body.data.id, "failed");
    expect(ctx.posts()).toHaveLength(1);
    // A week and more goes by before the agent retries.
    await backdate(conversation, 9 * DAY);
    const retry = await ctx.api.post(
      `/api/v1/conversations/${conversation}/messages/${sent.body.data.id}/retry`,
    );
    expect(retry.status).toBeLessThan(300);
    const failed = await waitFor(async () => {
      const found = (await ctx.messages(conversation)).find((m) => m.id === sent.body.data.id);
      return found?.delivery?.error?.includes("only within 7 days") ? found.delivery : null;
    });
    expect(failed.status).toBe("failed");
    expect(ctx.posts()).toHaveLength(1);
  });

  it("refuses a private reply to a comment older than 7 days", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(pageComment(8 * DAY));
    const conversation = await ctx.onlyConversation();
    const refused = await ctx.reply(conversation, "Pouvez-vous nous écrire en privé ?", "private");
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("private reply to a comment only within 7 days");
    expect(await ctx.messages(conversation)).toHaveLength(1);
    expect(ctx.posts()).toHaveLength(0);

    // A public answer has no window.
    const publicly = await ctx.reply(conversation, "Nous regardons votre commande.");
    expect(publicly.status).toBe(201);
    await ctx.delivery(conversation, publicly.body.data.id, "sent");
    expect(ctx.posts().map((call) => call.path)).toEqual([`${COMMENT_ID}/comments`]);
  });

  it("sends one private reply per comment and refuses a second one", async () => {
    const ctx = await setup("facebook");
    await ctx.hook(pageComment(2 * DAY));
    const conversation = await ctx.onlyConversation();
    graph.setCommenter(COMMENT_ID, PSID);
    const first = await ctx.reply(
      conversation,
      "Pouvez-vous nous donner votre adresse ?",
      "private",
    );
    expect(first.status).toBe(201);
    // Refused while the first is still on its way, and after it was sent.
    const early = await ctx.reply(conversation, "Et votre numéro de commande ?", "private");
    expect(early.status).toBe(422);
    await ctx.delivery(conversation, first.body.data.id, "sent");
    const second = await ctx.reply(conversation, "Et votre numéro de commande ?", "private");
    expect(second.status).toBe(422);
    expect(second.body.error.message).toContain("one private reply per comment");

    await ctx.settled(conversation);
    const privateReplies = ctx.posts().filter((call) => call.path === `${PAGE_ID}/messages`);
    expect(privateReplies).toHaveLength(1);
    expect(privateReplies[0]!.body).toEqual({
      recipient: { comment_id: COMMENT_ID },
      message: { text: "Pouvez-vous nous donner votre adresse ?" },
    });
  });

  it("on Instagram: HUMAN_AGENT after 24 hours, refused after 7 days", async () => {
    const ctx = await setup("instagram");
    await ctx.hook(instagramMessage(2 * DAY));
    const conversation = await ctx.onlyConversation();
    const sent = await ctx.reply(conversation, "Yes, it comes in 240x260.");
    expect(sent.status).toBe(201);
    await ctx.delivery(conversation, sent.body.data.id, "sent");
    expect(ctx.posts()[0]!.path).toBe(`${IG_USER_ID}/messages`);
    expect(ctx.posts()[0]!.body).toEqual({
      recipient: { id: IGSID },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Yes, it comes in 240x260." },
    });

    await backdate(conversation, 8 * DAY);
    const refused = await ctx.reply(conversation, "Still interested?");
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("Instagram accepts a human agent's reply");
    expect(ctx.posts()).toHaveLength(1);
  });

  it("on Instagram: private replies within 7 days of the comment, once", async () => {
    const ctx = await setup("instagram");
    const old = metaFixture("instagram-comment");
    old.entry[0].time = Math.floor((Date.now() - 8 * DAY) / 1000);
    await ctx.hook(old);
    const conversation = await ctx.onlyConversation();
    const refused = await ctx.reply(conversation, "Could you DM us your order number?", "private");
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("only within 7 days");
    expect(ctx.posts()).toHaveLength(0);

    // The same comment, had it been written yesterday: one private reply, then no more.
    await backdate(conversation, DAY);
    const first = await ctx.reply(conversation, "Could you DM us your order number?", "private");
    expect(first.status).toBe(201);
    await ctx.delivery(conversation, first.body.data.id, "sent");
    const second = await ctx.reply(conversation, "Any news?", "private");
    expect(second.status).toBe(422);
    expect(second.body.error.message).toContain("one private reply per comment");
    await ctx.settled(conversation);
    const privateReplies = ctx.posts().filter((call) => call.path === `${IG_USER_ID}/messages`);
    expect(privateReplies.map((call) => call.body.recipient)).toEqual([
      { comment_id: IG_COMMENT_ID },
    ]);
  });
});
