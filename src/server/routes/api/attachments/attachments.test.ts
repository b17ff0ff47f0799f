import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../../../test/support/factories.ts";
import { startFakeServer } from "../../../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import { attachmentLinker } from "../../../attachments/links.ts";
import { binaryFixture, TINY_PNG, uploadFile } from "../../../attachments/testing.ts";
import { sweepUploads } from "../../../attachments/uploads.ts";
import { channelCreator } from "../../../commands/channelCreator.ts";
import { inboundIngester } from "../../../commands/inboundIngester.ts";

const MAX_BYTES = 64 * 1024;

describe("agents' attachments: upload, reply, signed links", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;

  beforeAll(async () => {
    receiver = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
    relais = await startTestRelais({ RELAIS_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  });
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
  });

  /** An account whose customer wrote on an API channel, and that conversation. */
  async function customerConversation(outboundUrl?: string) {
    const seed = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, seed.account.id, {
      outboundUrl,
    });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: `m-${crypto.randomUUID()}`, text: "Pouvez-vous m'envoyer l'étiquette ?" },
      contact: { id: `c-${crypto.randomUUID()}`, name: "Inès Garnier" },
    });
    const api = apiClient(relais.url, seed.token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data;
    return { ...seed, api, conversation, channel };
  }

  const attachmentRow = (id: string) =>
    relais.services.db
      .selectFrom("attachments")
      .select(["account_id", "message_id", "uploaded_by", "size", "content"])
      .where("id", "=", id)
      .executeTakeFirst();

  const messageCount = async (accountId: string) =>
    Number(
      (
        await relais.services.db
          .selectFrom("messages")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("stores an upload as raw bytes, unlinked, and gives it back to the account's agents", async () => {
    const { token, user, account } = await createAccount(relais.services);
    const bytes = binaryFixture(5000);
    const upload = await uploadFile(relais.url, token, {
      filename: "C:\\Users\\léa\\Étiquette retour.pdf",
      contentType: "application/pdf; name=x",
      content: bytes,
    });
    expect(upload.status).toBe(201);
    expect(upload.body.data).toEqual({
      id: expect.any(String),
      filename: "Étiquette retour.pdf",
      contentType: "application/pdf",
      size: 5000,
    });
    const row = await attachmentRow(upload.body.data.id);
    expect(row).toMatchObject({ account_id: account.id, message_id: null, uploaded_by: user.id });
    expect(Buffer.from(row?.content ?? []).equals(bytes)).toBe(true);

    const download = await fetch(`${relais.url}/api/v1/attachments/${upload.body.data.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    // A PDF is never rendered by the browser from Relais' origin.
    expect(download.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''%C3%89tiquette%20retour.pdf",
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // A JSON file is a file too, not a request to parse; no type at all is binary.
    const json = await uploadFile(relais.url, token, {
      filename: "commande.json",
      contentType: "application/json",
      content: Buffer.from('{"order": 42}'),
    });
    expect(json.status).toBe(201);
    const untyped = await uploadFile(relais.url, token, {
      filename: "notes",
      content: Buffer.from("hello"),
    });
    expect(untyped.body.data.contentType).toBe("application/octet-stream");
  });

  it("refuses a file over the limit with 413, announced or streamed, and stores nothing", async () => {
    const { token, account } = await createAccount(relais.services);
    const tooBig = await uploadFile(relais.url, token, {
      filename: "scan.tiff",
      contentType: "image/tiff",
      content: Buffer.alloc(MAX_BYTES + 1, 1),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toEqual({
      id: "file_too_large",
      message: "The file is larger than 0.1 MB, the most this server accepts.",
    });

    // Without a Content-Length, the body is cut off by the limit as it streams.
    const chunks = [
      Buffer.alloc(MAX_BYTES / 2, 1),
      Buffer.alloc(MAX_BYTES / 2, 2),
      Buffer.alloc(10),
    ];
    const streamed = await fetch(`${relais.url}/api/v1/attachments?filename=big.bin`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { id: string } }).error.id).toBe("file_too_large");

    const stored = await relais.services.db
      .selectFrom("attachments")
      .select("id")
      .where("account_id", "=", account.id)
      .execute();
    expect(stored).toEqual([]);

    const empty = await uploadFile(relais.url, token, {
      filename: "vide.txt",
      contentType: "text/plain",
      content: Buffer.alloc(0),
    });
    expect(empty.status).toBe(400);
  });

  it("answers 401 to a caller not signed in before reading any of the file", async () => {
    // A body that never ends: only an answer given before reading it can arrive.
    const endless = new ReadableStream({
      pull: (controller) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            controller.enqueue(Buffer.alloc(1024, 1));
            resolve();
          }, 50),
        ),
    });
    const response = await fetch(`${relais.url}/api/v1/attachments?filename=x.bin`, {
      method: "POST",
      headers: {
        authorization: "Bearer rlt_not-a-token",
        "content-type": "application/octet-stream",
      },
      body: endless,
      duplex: "half",
      signal: AbortSignal.timeout(5_000),
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { id: string } }).error.id).toBe("unauthorized");
  });

  it("links uploads to the reply that names them, and to no other", async () => {
    const { api, token, account, conversation } = await customerConversation();
    const label = await uploadFile(relais.url, token, {
      filename: "etiquette.png",
      contentType: "image/png",
      content: TINY_PNG,
    });
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Voici l'étiquette de retour.",
      attachmentIds: [label.body.data.id],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.attachments).toEqual([
      {
        id: label.body.data.id,
        filename: "etiquette.png",
        contentType: "image/png",
        size: TINY_PNG.length,
        url: `/api/v1/attachments/${label.body.data.id}`,
        inline: false,
      },
    ]);
    expect((await attachmentRow(label.body.data.id))?.message_id).toBe(reply.body.data.id);
    const timeline = (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data;
    const shown = timeline.messages.find((m: { id: string }) => m.id === reply.body.data.id);
    expect(shown.attachments.map((file: { filename: string }) => file.filename)).toEqual([
      "etiquette.png",
    ]);

    // Sent once: a second reply cannot claim it, and it can no longer be discarded.
    const before = await messageCount(account.id);
    const again = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Encore",
      attachmentIds: [label.body.data.id],
    });
    expect(again.status).toBe(404);
    expect(await messageCount(account.id)).toBe(before);
    expect((await api.delete(`/api/v1/attachments/${label.body.data.id}`)).status).toBe(404);

    // A file alone is a reply; an internal note may carry files too.
    const invoice = await uploadFile(relais.url, token, {
      filename: "facture.pdf",
      contentType: "application/pdf",
      content: binaryFixture(900),
    });
    const note = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      kind: "note",
      attachmentIds: [invoice.body.data.id],
    });
    expect(note.status).toBe(201);
    expect(note.body.data.direction).toBe("note");
    expect(note.body.data.attachments[0].filename).toBe("facture.pdf");

    const tooMany = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "x",
      attachmentIds: Array.from({ length: 11 }, () => crypto.randomUUID()),
    });
    expect(tooMany.status).toBe(400);

    const draft = await uploadFile(relais.url, token, {
      filename: "brouillon.txt",
      contentType: "text/plain",
      content: Buffer.from("oups"),
    });
    expect((await api.delete(`/api/v1/attachments/${draft.body.data.id}`)).status).toBe(200);
    expect(await attachmentRow(draft.body.data.id)).toBeUndefined();
  });

  it("refuses another account's upload with 404 and writes nothing", async () => {
    const victim = await createAccount(relais.services);
    const theirs = await uploadFile(relais.url, victim.token, {
      filename: "contrat.pdf",
      contentType: "application/pdf",
      content: binaryFixture(300),
    });
    const { api, account, conversation } = await customerConversation();
    const before = await messageCount(account.id);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Voici le contrat",
      attachmentIds: [theirs.body.data.id],
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error).toEqual({ id: "not_found", message: "Attachment not found." });
    expect(await messageCount(account.id)).toBe(before);
    expect(await attachmentRow(theirs.body.data.id)).toMatchObject({
      account_id: victim.account.id,
      message_id: null,
    });
    expect((await api.get(`/api/v1/attachments/${theirs.body.data.id}`)).status).toBe(404);
    expect((await api.delete(`/api/v1/attachments/${theirs.body.data.id}`)).status).toBe(404);
    expect(await attachmentRow(theirs.body.data.id)).toBeDefined();
  });

  it("refuses files on a channel that cannot carry them, before storing the reply", async () => {
    const { account, token } = await createAccount(relais.services);
    // Bluesky posts and chats carry text only (polling paused: no request leaves the test).
    const bluesky = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: account.id,
      kind: "bluesky",
      name: "Bluesky",
      config: { handle: "shop.example", serviceUrl: "http://127.0.0.1:9", pollSeconds: 0 },
      secrets: { appPassword: "app-password" },
    });
    await inboundIngester(relais.services.db, bluesky, [
      {
        type: "message",
        message: {
          externalId: "at://did:plc:lea/app.bsky.feed.post/attach1",
          text: "@shop.example où est mon colis ?",
          visibility: "public",
          contact: { identity: { kind: "bluesky", value: "did:plc:lea", handle: "lea.bsky" } },
        },
      },
    ]);
    const api = apiClient(relais.url, token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data;
    const file = await uploadFile(relais.url, token, {
      filename: "plan.png",
      contentType: "image/png",
      content: TINY_PNG,
    });
    const before = await messageCount(account.id);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Voici le plan",
      attachmentIds: [file.body.data.id],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.id).toBe("attachments_unsupported");
    expect(reply.body.error.message).toMatch(/cannot send files/);
    expect(await messageCount(account.id)).toBe(before);
    expect((await attachmentRow(file.body.data.id))?.message_id).toBeNull();
    const channels = (await api.get("/api/v1/channels")).body.data;
    expect(channels[0]).toMatchObject({ kind: "bluesky", attachments: null });
  });

  it("posts the API channel's webhook with signed links that work, and refuses forged or expired ones", async () => {
    const { api, token, account, conversation, channel } = await customerConversation(receiver.url);
    const bytes = binaryFixture(2048, 11);
    const file = await uploadFile(relais.url, token, {
      filename: "bon de retour.pdf",
      contentType: "application/pdf",
      content: bytes,
    });
    const other = await uploadFile(relais.url, token, {
      filename: "photo.png",
      contentType: "image/png",
      content: TINY_PNG,
    });
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Le bon de retour est joint.",
      attachmentIds: [file.body.data.id, other.body.data.id],
    });
    expect(reply.status).toBe(201);
    const request = await waitFor(() =>
      receiver.requests.find((r) => r.json?.message?.id === reply.body.data.id),
    );
    const sent = request.json.message.attachments;
    expect(sent).toEqual([
      {
        id: file.body.data.id,
        filename: "bon de retour.pdf",
        contentType: "application/pdf",
        size: 2048,
        url: expect.stringMatching(
          new RegExp(`^http://localhost:\\d+/api/v1/attachments/${file.body.data.id}/download\\?`),
        ),
        expiresAt: expect.any(String),
      },
      expect.objectContaining({ id: other.body.data.id, filename: "photo.png" }),
    ]);
    const hoursLeft = (new Date(sent[0].expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(23);
    expect(hoursLeft).toBeLessThanOrEqual(24);

    // The link works without any credential, and gives the very bytes.
    const link = new URL(sent[0].url);
    const local = (url: URL) => `${relais.url}${url.pathname}${url.search}`;
    const download = await fetch(local(link));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''bon%20de%20retour.pdf",
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const image = await fetch(local(new URL(sent[1].url)));
    expect(image.headers.get("content-type")).toBe("image/png");

    // Another file, a changed expiry, another account or a made-up signature: refused.
    const forge = (change: (url: URL) => void) => {
      const copy = new URL(link);
      change(copy);
      return fetch(local(copy));
    };
    const swapped = await forge((url) => {
      url.pathname = url.pathname.replace(file.body.data.id, other.body.data.id);
    });
    expect(swapped.status).toBe(403);
    expect(((await swapped.json()) as { error: { id: string } }).error.id).toBe("link_invalid");
    const extended = await forge((url) =>
      url.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600)),
    );
    expect(extended.status).toBe(403);
    const foreign = await forge((url) => url.searchParams.set("account", crypto.randomUUID()));
    expect(foreign.status).toBe(403);
    const madeUp = await forge((url) => url.searchParams.set("signature", "A".repeat(43)));
    expect(madeUp.status).toBe(403);

    const yesterday = attachmentLinker(relais.services, () => Date.now() - 2 * 86_400_000);
    const expired = await fetch(`${relais.url}${yesterday(account.id, file.body.data.id).path}`);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { id: string } }).error.id).toBe("link_expired");

    // A well-signed link to a file never sent shares nothing.
    const unsent = await uploadFile(relais.url, token, {
      filename: "interne.txt",
      contentType: "text/plain",
      content: Buffer.from("interne"),
    });
    const now = attachmentLinker(relais.services);
    expect((await fetch(`${relais.url}${now(account.id, unsent.body.data.id).path}`)).status).toBe(
      404,
    );
    expect(channel.kind).toBe("api");

    // Disabling the channel stops its links at once.
    expect((await api.patch(`/api/v1/channels/${channel.id}`, { disabled: true })).status).toBe(
      200,
    );
    expect((await fetch(local(link))).status).toBe(404);
  });

  it("sweeps uploads never sent once a day old, and keeps the rest", async () => {
    const { api, token, conversation } = await customerConversation();
    const upload = (name: string) =>
      uploadFile(relais.url, token, {
        filename: name,
        contentType: "text/plain",
        content: Buffer.from(name),
      });
    const stale = await upload("oublie.txt");
    const fresh = await upload("recent.txt");
    const sent = await upload("envoye.txt");
    await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Ci-joint",
      attachmentIds: [sent.body.data.id],
    });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await relais.services.db
      .updateTable("attachments")
      .set({ created_at: twoDaysAgo })
      .where("id", "in", [stale.body.data.id, sent.body.data.id])
      .execute();

    expect(await sweepUploads(relais.services.db)).toBeGreaterThanOrEqual(1);
    expect(await attachmentRow(stale.body.data.id)).toBeUndefined();
    expect(await attachmentRow(fresh.body.data.id)).toBeDefined();
    expect(await attachmentRow(sent.body.data.id)).toBeDefined();
  });
});
