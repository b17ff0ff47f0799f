import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actor,
  blueskyRateLimited,
  startBlueskyFake,
  xrpcError,
} from "../../../../test/fakes/bluesky.ts";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { pollsSettled } from "../../../../test/support/socialHarness.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { TConversation, TMessage } from "../../../shared/schemas.ts";
import { bookCallbackFor, carriesCallbackPhone, outboundSettled } from "../../callbacks/testing.ts";
import type { Env } from "../../env.ts";
import { mentionFacets } from "./provider.ts";

const APP_PASSWORD = "abcd-efgh-ijkl-mnop";
const BRAND = actor("maisonlumiere.bsky.social", { displayName: "Maison Lumière" });
const NOAH = actor("noah.bsky.social", { displayName: "Noah Petit", followersCount: 12_400 });

describe("Bluesky channel, end to end", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const fakes: Array<Awaited<ReturnType<typeof startBlueskyFake>>> = [];

  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
    for (const fake of fakes) await fake.close();
  });

  /** A fresh account, its own PDS, and a channel polling it every second. */
  async function setup() {
    const fake = await startBlueskyFake({ brand: BRAND, appPassword: APP_PASSWORD });
    fakes.push(fake);
    const { token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const created = await api.post("/api/v1/channels", {
      kind: "bluesky",
      name: "@maisonlumiere.bsky.social",
      config: { handle: BRAND.handle, serviceUrl: fake.url, pollSeconds: 1 },
      secrets: { appPassword: APP_PASSWORD },
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
        { message: `${externalId} stored` },
      );
    const delivered = (conversationId: string, messageId: string, status = "sent") =>
      waitFor(async () => {
        const found = (await messages(conversationId)).find((m) => m.id === messageId);
        return found?.delivery?.status === status ? found : null;
      });
    // Pauses polling (the channel still sends), so nothing polls once the test is over.
    const stop = async () => {
      await api.patch(`/api/v1/channels/${channelId}`, { config: { pollSeconds: 0 } });
      // A poll already under way, and the one scheduled, finish before the test goes on.
      await pollsSettled(relais, channelId);
    };
    const reply = (conversationId: string, text: string, visibility?: "private") =>
      api.post(`/api/v1/conversations/${conversationId}/messages`, {
        text,
        kind: "reply",
        ...(visibility ? { visibility } : {}),
      });
    return { fake, api, channelId, conversations, messages, stored, delivered, stop, reply };
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
    await relais.services.db
      .updateTable("channels")
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
    const { account } = await createAccount(relais.services);
    const result = await runCli(relais.services.env, [
      ...`channel add bluesky --account ${account.slug} --name Bluesky`.split(" "),
      ...`--handle ${BRAND.handle} --app-password ${APP_PASSWORD} --poll-seconds 0`.split(" "),
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
    expect(row.config).toEqual({
      handle: BRAND.handle,
      serviceUrl: "https://bsky.social",
      pollSeconds: 0,
    });
    expect(relais.services.secrets.open(row.secrets!)).toEqual({ appPassword: APP_PASSWORD });
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
