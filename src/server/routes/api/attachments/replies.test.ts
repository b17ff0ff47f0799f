import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerConversation as conversationOf,
  messageCount as countOf,
  attachmentRow as rowOf,
} from "../../../../../test/support/attachments.ts";
import { createAccount } from "../../../../../test/support/factories.ts";
import { startFakeServer } from "../../../../../test/support/fakeServer.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import { attachmentLinker } from "../../../attachments/links.ts";
import { binaryFixture, TINY_PNG, uploadFile } from "../../../attachments/testing.ts";
import { channelCreator } from "../../../commands/channelCreator.ts";
import { inboundIngester } from "../../../commands/inboundIngester.ts";

const MAX_BYTES = 64 * 1024;

describe("agents' attachments: replies, channels, signed links", () => {
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

  const customerConversation = (outboundUrl?: string) => conversationOf(relais, outboundUrl);
  const attachmentRow = (id: string) => rowOf(relais, id);
  const messageCount = (accountId: string) => countOf(relais, accountId);

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
});
