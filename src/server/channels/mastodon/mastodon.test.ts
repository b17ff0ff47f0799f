import { describe, expect, it } from "vitest";
import {
  type MastodonAccount,
  mastodonRateLimited,
  remoteAccount,
  startMastodonFake,
} from "../../../../test/fakes/mastodon.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import {
  addChannelByCli,
  socialChannel,
  useSocialProvider,
} from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";

const TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
const BRAND: MastodonAccount = {
  id: "1",
  username: "maisonlumiere",
  acct: "maisonlumiere",
  display_name: "Maison Lumière",
  avatar: "https://social.example/avatars/brand.png",
  followers_count: 5300,
  url: "https://social.example/@maisonlumiere",
};
const LEA = remoteAccount({
  username: "lea",
  domain: "piaille.fr",
  display_name: "Léa Garnier",
  followers_count: 1830,
});

describe("Mastodon channel, end to end", () => {
  const running = useSocialProvider(
    () => startMastodonFake({ accessToken: TOKEN, brand: BRAND }),
    {},
    { shared: false },
  );
  const relais = () => running.relais();

  /** A fresh account, its own Mastodon server, and a channel polling it every second. */
  async function setup() {
    const fake = await running.freshFake();
    const channel = await socialChannel(relais(), {
      kind: "mastodon",
      name: "@maisonlumiere",
      config: { instanceUrl: fake.url, pollSeconds: 1 },
      secrets: { accessToken: TOKEN },
      throughApi: true,
    });
    return { ...channel, fake, stop: channel.pausePolling };
  }

  it("polls mentions into public conversations with safe text, media and the author's reach", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, {
      html: '<p><span class="h-card"><a href="https://social.example/@maisonlumiere" class="u-url mention">@<span>maisonlumiere</span></a></span> ma lampe <strong>clignote</strong> &amp; chauffe<br>une idée ?</p><script>alert(1)</script>',
      media: ["https://files.piaille.fr/media/lampe.jpg"],
    });
    fake.follow(LEA);
    const { conversation, message } = await ctx.stored(status.id);
    expect(message.text).toBe("@maisonlumiere ma lampe clignote & chauffe\nune idée ?");
    expect(message.visibility).toBe("public");
    expect(conversation.visibility).toBe("public");
    expect(message.attachments[0]?.url).toBe("https://files.piaille.fr/media/lampe.jpg");
    expect(message.attachments[0]?.contentType).toBe("image/jpeg");
    const contact = (await ctx.api.get(`/api/v1/contacts/${conversation.contact.id}`)).body.data;
    expect(contact.identities).toEqual([
      expect.objectContaining({
        kind: "mastodon",
        value: "lea@piaille.fr",
        handle: "@lea@piaille.fr",
        displayName: "Léa Garnier",
        avatarUrl: LEA.avatar,
        followers: 1830,
      }),
    ]);
    const poll = fake.requests.find((r) => r.url.startsWith("/api/v1/notifications"))!;
    expect(new URL(poll.url, fake.url).searchParams.getAll("types[]")).toEqual([
      "mention",
      "update",
    ]);
    expect(poll.headers.authorization).toBe(`Bearer ${TOKEN}`);
    await ctx.stop();
  });

  it("keeps a thread in one conversation, a direct status private, and reflects edits", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const root = fake.mention(LEA, { html: "<p>@maisonlumiere livraison ratée</p>" });
    const { conversation } = await ctx.stored(root.id);
    const reply = fake.mention(LEA, {
      html: "<p>@maisonlumiere toujours rien</p>",
      inReplyTo: root.id,
    });
    const direct = fake.mention(LEA, {
      html: "<p>@maisonlumiere mon adresse : 3 rue Victor Hugo</p>",
      visibility: "direct",
    });
    expect((await ctx.stored(reply.id)).conversation.id).toBe(conversation.id);
    const privately = await ctx.stored(direct.id);
    expect(privately.conversation.visibility).toBe("private");
    expect(privately.message.visibility).toBe("private");
    expect(privately.conversation.id).not.toBe(conversation.id);

    fake.edit(root.id, "<p>@maisonlumiere livraison ratée (colis 4821)</p>");
    const edited = await waitFor(async () =>
      (await ctx.messages(conversation.id)).find((m) => m.editedAt !== null),
    );
    expect(edited.text).toBe("@maisonlumiere livraison ratée (colis 4821)");
    await ctx.stop();
  });

  it("resumes from the last seen notification and stores a re-fetched status once", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const first = fake.mention(LEA, { html: "<p>@maisonlumiere bonjour</p>" });
    const { conversation } = await ctx.stored(first.id);
    const lastSeen = fake.notifications.at(-1)!.id;
    await waitFor(
      () =>
        fake.requests.some(
          (r) =>
            r.url.startsWith("/api/v1/notifications") &&
            new URL(r.url, fake.url).searchParams.get("min_id") === lastSeen,
        ),
      { message: "a poll resuming after the last notification seen" },
    );

    // As after a lost cursor: the same notifications come again.
    await relais()
      .services.db.updateTable("channels")
      .set({ state: JSON.stringify({}) })
      .where("id", "=", ctx.channelId)
      .execute();
    const second = fake.mention(LEA, { html: "<p>@maisonlumiere vous êtes là ?</p>" });
    await ctx.stored(second.id);
    const all = (await ctx.messages(conversation.id)).filter((m) => m.externalId === first.id);
    expect(all).toHaveLength(1);
    await ctx.stop();
  });

  it("replies in the thread with the answered visibility and an Idempotency-Key", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, {
      html: "<p>@maisonlumiere une question</p>",
      visibility: "unlisted",
    });
    const { conversation } = await ctx.stored(status.id);
    await ctx.stop();
    const reply = await ctx.reply(conversation.id, "Bonjour Léa, avec plaisir !");
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    const request = fake.requests.find(
      (r) => r.method === "POST" && r.json?.status?.includes("Bonjour Léa, avec plaisir"),
    )!;
    expect(request.url).toBe("/api/v1/statuses");
    expect(request.json).toEqual({
      status: "@lea@piaille.fr Bonjour Léa, avec plaisir !",
      visibility: "unlisted",
      in_reply_to_id: status.id,
    });
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["idempotency-key"]).toBe(reply.body.data.id);
    expect(sent.externalId).toBe(fake.created.at(-1)?.status.id);
  });

  it("marks the reply failed with Mastodon's own reason", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, { html: "<p>@maisonlumiere ?</p>" });
    const { conversation } = await ctx.stored(status.id);
    await ctx.stop();
    fake.failNext({
      status: 422,
      body: { error: "Validation failed: Text character limit of 500 exceeded" },
    });
    const reply = await ctx.reply(conversation.id, "Une très longue réponse");
    const failed = await ctx.delivered(conversation.id, reply.body.data.id, "failed");
    expect(failed.delivery?.error).toContain(
      "Validation failed: Text character limit of 500 exceeded",
    );
  });

  it("waits for X-RateLimit-Reset after a 429 and creates the status once", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, { html: "<p>@maisonlumiere allô</p>" });
    const { conversation } = await ctx.stored(status.id);
    await ctx.stop();
    fake.failNext(mastodonRateLimited(1));
    const started = Date.now();
    const reply = await ctx.reply(conversation.id, "Nous sommes là.");
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.delivery?.attempts).toBe(2);
    const posts = fake.requests.filter(
      (r) => r.method === "POST" && r.headers["idempotency-key"] === reply.body.data.id,
    );
    expect(posts).toHaveLength(2);
    expect(fake.created.filter((c) => c.idempotencyKey === reply.body.data.id)).toHaveLength(1);
  });

  it("answers a public mention privately with a direct status, acknowledged in the thread", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, { html: "<p>@maisonlumiere remboursez-moi</p>" });
    const { conversation } = await ctx.stored(status.id);
    await ctx.stop();
    const reply = await ctx.reply(
      conversation.id,
      "Pouvez-vous nous envoyer votre numéro de commande ?",
      "private",
    );
    const sent = await ctx.delivered(conversation.id, reply.body.data.id);
    const direct = fake.created.find((c) => c.idempotencyKey === reply.body.data.id)!;
    expect(direct.status.visibility).toBe("direct");
    expect(direct.status.content).toBe(
      "<p>@lea@piaille.fr Pouvez-vous nous envoyer votre numéro de commande ?</p>",
    );
    expect(sent.externalId).toBe(direct.status.id);

    const ack = await waitFor(async () =>
      (await ctx.messages(conversation.id)).find(
        (m) => m.metadata.acknowledgesPrivateReply && m.delivery?.status === "sent",
      ),
    );
    const ackStatus = fake.created.find((c) => c.idempotencyKey === ack.id)!;
    expect(ackStatus.status.visibility).toBe("public");
    expect(ackStatus.status.in_reply_to_id).toBe(status.id);
    expect(ackStatus.status.content).toContain("@lea@piaille.fr");

    // Léa answers the direct status privately: the same conversation goes on.
    const answer = fake.mention(LEA, {
      html: "<p>@maisonlumiere c'est la CMD-4821</p>",
      visibility: "direct",
      inReplyTo: direct.status.id,
    });
    await ctx.api.patch(`/api/v1/channels/${ctx.channelId}`, { config: { pollSeconds: 1 } });
    const continued = await ctx.stored(answer.id);
    expect(continued.conversation.id).toBe(conversation.id);
    expect(continued.message.visibility).toBe("private");
    await ctx.stop();
  });

  it("tells a callback booked from a public mention by direct status only", async () => {
    const ctx = await setup();
    const { fake } = ctx;
    const status = fake.mention(LEA, { html: "<p>@maisonlumiere rappelez-moi</p>" });
    const { conversation } = await ctx.stored(status.id);
    await ctx.stop();
    await bookCallbackFor(ctx.api, conversation.id);
    await outboundSettled(ctx.api, conversation.id);
    const carrying = fake.created.filter((c) => carriesCallbackPhone(c.status.content));
    expect(carrying.map((c) => c.status.visibility)).toEqual(["direct"]);
  });

  it("relais channel add mastodon creates the channel from its flags", async () => {
    const { account } = await createAccount(relais().services);
    const { row, secrets } = await addChannelByCli(relais(), account.id, [
      ...`channel add mastodon --account ${account.slug} --name Mastodon`.split(" "),
      ...`--instance-url http://127.0.0.1:9 --access-token tok-1 --poll-seconds 0`.split(" "),
    ]);
    expect(row.config).toEqual({ instanceUrl: "http://127.0.0.1:9", pollSeconds: 0 });
    expect(secrets).toEqual({ accessToken: "tok-1" });
  }, 60_000);
});
