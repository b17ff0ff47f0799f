import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MastodonAccount,
  mastodonRateLimited,
  remoteAccount,
  startMastodonFake,
} from "../../../../test/fakes/mastodon.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TConversation, TMessage } from "../../../shared/schemas.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";
import type { Env } from "../../env.ts";

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
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const fakes: Array<Awaited<ReturnType<typeof startMastodonFake>>> = [];

  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
    for (const fake of fakes) await fake.close();
  });

  /** A fresh account, its own Mastodon server, and a channel polling it every second. */
  async function setup() {
    const fake = await startMastodonFake({ accessToken: TOKEN, brand: BRAND });
    fakes.push(fake);
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const created = await api.post("/api/v1/channels", {
      kind: "mastodon",
      name: "@maisonlumiere",
      config: { instanceUrl: fake.url, pollSeconds: 1 },
      secrets: { accessToken: TOKEN },
    });
    expect(created.status).toBe(201);
    const channelId: string = created.body.data.id;
    const conversations = async (): Promise<TConversation[]> =>
      (await api.get("/api/v1/conversations")).body.data;
    const messages = async (conversationId: string): Promise<TMessage[]> =>
      (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data;
    const stored = (externalId: string) =>
      waitFor(
        async () => {
          for (const conversation of await conversations()) {
            const found = (await messages(conversation.id)).find(
              (m) => m.externalId === externalId,
            );
            if (found) return { conversation, message: found };
          }
          return null;
        },
        { message: `status ${externalId} stored` },
      );
    const delivered = (conversationId: string, messageId: string, status = "sent") =>
      waitFor(async () => {
        const found = (await messages(conversationId)).find((m) => m.id === messageId);
        return found?.delivery?.status === status ? found : null;
      });
    // Pauses polling (the channel still sends), so nothing polls once the test is over.
    const stop = () => api.patch(`/api/v1/channels/${channelId}`, { config: { pollSeconds: 0 } });
    return { fake, api, channelId, conversations, messages, stored, delivered, stop };
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
    await relais.services.db
      .updateTable("channels")
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
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Bonjour Léa, avec plaisir !",
      kind: "reply",
    });
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
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Une très longue réponse",
      kind: "reply",
    });
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
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Nous sommes là.",
      kind: "reply",
    });
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
    const reply = await ctx.api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Pouvez-vous nous envoyer votre numéro de commande ?",
      kind: "reply",
      visibility: "private",
    });
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
    const { account } = await createAccount(relais.services);
    const result = await runCli(relais.services.env, [
      ...`channel add mastodon --account ${account.slug} --name Mastodon`.split(" "),
      ...`--instance-url http://127.0.0.1:9 --access-token tok-1 --poll-seconds 0`.split(" "),
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await relais.services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", account.id)
      .where("id", "=", printed.id)
      .executeTakeFirstOrThrow();
    expect(row.config).toEqual({ instanceUrl: "http://127.0.0.1:9", pollSeconds: 0 });
    expect(relais.services.secrets.open(row.secrets!)).toEqual({ accessToken: "tok-1" });
  }, 60_000);
});

/** Runs the real CLI: through the running server that holds PGlite, or on PostgreSQL. */
function runCli(env: Env, args: string[]) {
  const vars: Record<string, string | undefined> = {
    ...process.env,
    RELAIS_DATA: env.RELAIS_DATA,
    RELAIS_SECRET_KEY: env.RELAIS_SECRET_KEY,
    DATABASE_URL: env.DATABASE_URL,
    LOG_LEVEL: "silent",
  };
  if (!env.DATABASE_URL) delete vars.DATABASE_URL;
  const child = spawn(process.execPath, ["bin/relais.js", ...args], { env: vars });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
}
