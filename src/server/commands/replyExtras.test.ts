import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXFake, v1Tweet, type XUser, xDeliverer } from "../../../test/fakes/x.ts";
import { createAccount, createUser } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { socialChannel } from "../../../test/support/socialHarness.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { TConversation, TMessage } from "../../shared/schemas.ts";
import type { EmailChannel } from "../channels/email/config.ts";
import { parseEmail } from "../channels/email/inbound.ts";
import { createEmailChannel } from "../channels/email/testing/channels.ts";
import { emailFixture } from "../channels/email/testing/fixtures.ts";
import { startRelay } from "../channels/email/testing/relay.ts";
import { resolveChannel } from "../channels/resolve.ts";
import { inboundIngester } from "./inboundIngester.ts";

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

/** What an agent adds to a reply: a signature on public posts, email headers, the assignment. */
describe("reply extras: signature, length, email headers, assign on reply", {
  timeout: 120_000,
}, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let x: Awaited<ReturnType<typeof startXFake>>;
  const relays: Array<Awaited<ReturnType<typeof startRelay>>> = [];
  beforeAll(async () => {
    [relais, x] = await Promise.all([
      startTestRelais({ RELAIS_SMTP_PORT: "0" }),
      startXFake(SECRETS),
    ]);
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    await x?.close();
    for (const relay of relays) await relay.close();
  });

  async function xMention(text: string) {
    const ctx = await socialChannel(relais, {
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: BRAND, apiUrl: x.url },
      secrets: SECRETS,
      deliver: xDeliverer(SECRETS.consumerSecret),
      throughApi: true,
    });
    const tweet = v1Tweet(ZOE, { text });
    expect((await ctx.hook({ for_user_id: BRAND, tweet_create_events: [tweet] })).status).toBe(200);
    const conversation = (await ctx.conversations())[0] as TConversation;
    return { ...ctx, conversation };
  }

  it("signs a public reply on a channel that signs, never a private one, within X's 280", async () => {
    const ctx = await xMention("@MaisonLumiere ma lampe est arrivée cassée");
    const me = (await ctx.api.get("/api/v1/session")).body.data.user;
    const profile = await ctx.api.patch(`/api/v1/users/${me.id}`, { signature: "^CM" });
    expect(profile.body.data.signature).toBe("^CM");
    const channel = await ctx.api.patch(`/api/v1/channels/${ctx.channelId}`, {
      signPublicReplies: true,
    });
    expect(channel.body.data).toMatchObject({ signPublicReplies: true, publicReplyLimit: 280 });

    const publicReply = await ctx.reply(ctx.conversation.id, "Nous envoyons une lampe neuve.");
    expect(publicReply.status).toBe(201);
    expect(publicReply.body.data.text).toBe("Nous envoyons une lampe neuve. ^CM");
    await ctx.delivered(ctx.conversation.id, publicReply.body.data.id);
    expect(x.tweets.map((tweet) => tweet.text)).toContain("Nous envoyons une lampe neuve. ^CM");

    const privateReply = await ctx.reply(
      ctx.conversation.id,
      "Votre numéro de commande ?",
      "private",
    );
    expect(privateReply.status).toBe(201);
    expect(privateReply.body.data.text).toBe("Votre numéro de commande ?");
    await ctx.delivered(ctx.conversation.id, privateReply.body.data.id);
    const dm = x.requests.find((request) => request.url.includes("/dm_conversations/with/"));
    expect(dm?.json).toMatchObject({ text: "Votre numéro de commande ?" });

    // 277 characters fit alone, not with " ^CM": refused before anything is stored.
    const long = await ctx.reply(ctx.conversation.id, "é".repeat(277));
    expect(long.status).toBe(422);
    expect(long.body.error.id).toBe("reply_too_long");
    expect(long.body.error.message).toContain("281");
  });

  it("assigns an unassigned conversation to the replier, unless the account says not to", async () => {
    const ctx = await xMention("@MaisonLumiere toujours rien reçu");
    const before = (await ctx.api.get(`/api/v1/conversations/${ctx.conversation.id}`)).body.data;
    expect(before.assignee).toBeNull();
    const me = (await ctx.api.get("/api/v1/session")).body.data.user;
    await ctx.reply(ctx.conversation.id, "Nous regardons.");
    const after = (await ctx.api.get(`/api/v1/conversations/${ctx.conversation.id}`)).body.data;
    expect(after.assignee?.id).toBe(me.id);

    const off = await ctx.api.patch("/api/v1/account", { assignOnReply: false });
    expect(off.body.data.assignOnReply).toBe(false);
    const colleague = await createUser(relais.services, ctx.account.id, "agent");
    await ctx.api.patch(`/api/v1/conversations/${ctx.conversation.id}`, { assigneeId: null });
    const theirs = apiClient(relais.url, colleague.token);
    expect(
      (await theirs.post(`/api/v1/conversations/${ctx.conversation.id}/messages`, { text: "Ok" }))
        .status,
    ).toBe(201);
    const still = (await ctx.api.get(`/api/v1/conversations/${ctx.conversation.id}`)).body.data;
    expect(still.assignee).toBeNull();
  });

  it("sends an email reply with the agent's subject, To, Cc and Bcc, in the same thread", async () => {
    const relay = await startRelay({ user: "support@shop.example", pass: "secret" });
    relays.push(relay);
    const { account, token } = await createAccount(relais.services);
    const { channel, address } = await createEmailChannel(relais.services, account.id, {
      smtpUrl: relay.url,
    });
    const resolved = resolveChannel(channel, relais.services.secrets).channel as EmailChannel;
    const parsed = await parseEmail(resolved, emailFixture("fr-iso-8859-1-qp", { TO: address }));
    await inboundIngester(relais.services.db, channel, parsed.items);
    const api = apiClient(relais.url, token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data as TConversation[];
    const path = `/api/v1/conversations/${conversation?.id}/messages`;

    const reply = await api.post(path, {
      text: "Bonjour, voici le bon de retour.",
      email: {
        subject: "Votre retour de cafetière",
        to: ["elodie.martin@example.fr"],
        cc: ["conjoint@example.fr"],
        bcc: ["qualite@shop.example"],
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.metadata.emailHeaders.cc).toEqual(["conjoint@example.fr"]);
    await waitFor(
      async () => {
        const messages: TMessage[] = (await api.get(path)).body.data;
        return messages.find((m) => m.id === reply.body.data.id)?.delivery?.status === "sent";
      },
      { timeoutMs: 60_000, message: "the email reply sent" },
    );
    const [{ mail, to }] = relay.received as [(typeof relay.received)[number]];
    expect(mail.subject).toMatch(/^Votre retour de cafetière \[#R-\d+-[0-9a-f]{8}\]$/);
    expect(mail.cc).toMatchObject({ value: [{ address: "conjoint@example.fr" }] });
    // Bcc goes in the envelope only, never in a header the others read.
    expect(to.sort()).toEqual(
      ["conjoint@example.fr", "elodie.martin@example.fr", "qualite@shop.example"].sort(),
    );
    expect(relay.received[0]?.raw.toString("utf8")).not.toMatch(/^bcc:/im);
    expect(mail.inReplyTo).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(mail.references).toBe("<20261116091403.4f2a@mail.example.fr>");

    // Headers belong to email: a reply elsewhere that sets them is refused.
    const social = await xMention("@MaisonLumiere bonjour");
    const refused = await social.api.post(
      `/api/v1/conversations/${social.conversation.id}/messages`,
      { text: "Bonjour", email: { subject: "Hors sujet" } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe("email_headers_unsupported");
  });
});
