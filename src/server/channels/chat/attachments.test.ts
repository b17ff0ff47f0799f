import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { binaryFixture, TINY_PNG, uploadFile } from "../../attachments/testing.ts";
import {
  createChatChannel,
  openLiveSocket,
  openWidgetSession,
  visitorSocketUrl,
  widgetGet,
  widgetPost,
} from "../../routes/widget/testing.ts";
import { createEmailChannel } from "../email/testing/channels.ts";
import { startRelay } from "../email/testing/relay.ts";

const ORIGIN = { origin: "https://shop.example" };

describe("website chat: files agents send reach only their visitor", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;

  beforeAll(async () => {
    relais = await startTestRelais();
  });
  afterAll(async () => {
    await relais?.stop();
  });

  it("shows the visitor signed links to their own files, and to no one else's", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel } = await createChatChannel(relais.services, account.id);

    /** A visitor who opened the widget and wrote once. */
    const visitor = async (clientId: string, text: string) => {
      const session = (await openWidgetSession(relais.url, channel.id)).body.data.token;
      const socket = await openLiveSocket(
        visitorSocketUrl(relais.url, channel.id, session),
        ORIGIN,
      );
      await socket.next((frame) => frame.type === "hello");
      socket.send({ type: "message", clientId, text });
      const stored = await socket.next((frame) => frame.type === "stored");
      return { session, socket, conversationId: stored.message.conversationId as string };
    };
    const lea = await visitor("lea-message-01", "Pouvez-vous m'envoyer la facture ?");
    const tom = await visitor("tom-message-01", "Bonjour, une question");
    expect(lea.conversationId).not.toBe(tom.conversationId);

    const invoice = binaryFixture(3000, 5);
    const upload = async (filename: string, contentType: string, content: Buffer) =>
      (await uploadFile(relais.url, token, { filename, contentType, content })).body.data.id;
    const photoId = await upload("colis.png", "image/png", TINY_PNG);
    const invoiceId = await upload("facture.pdf", "application/pdf", invoice);
    const reply = await api.post(`/api/v1/conversations/${lea.conversationId}/messages`, {
      text: "Voici la facture et la photo du colis.",
      attachmentIds: [photoId, invoiceId],
    });
    expect(reply.status).toBe(201);
    const noteFileId = await upload("interne.txt", "text/plain", Buffer.from("note interne"));
    const note = await api.post(`/api/v1/conversations/${lea.conversationId}/messages`, {
      kind: "note",
      text: "Client fidèle",
      attachmentIds: [noteFileId],
    });
    expect(note.status).toBe(201);

    // Pushed live to Léa's widget once sent, each file with a link of its own.
    const pushed = await lea.socket.next(
      (frame) => frame.type === "message" && frame.message.id === reply.body.data.id,
    );
    const files = pushed.message.attachments as Array<Record<string, string | number>>;
    expect(
      files.map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
    ).toEqual([
      { id: photoId, filename: "colis.png", contentType: "image/png", size: TINY_PNG.length },
      { id: invoiceId, filename: "facture.pdf", contentType: "application/pdf", size: 3000 },
    ]);
    const [photoLink, invoiceLink] = files.map((file) => String(file.url));
    expect(photoLink).toMatch(new RegExp(`^/api/v1/attachments/${photoId}/download\\?`));

    // The widget loads them from a foreign page: no cookie, no token, just the link.
    const photo = await fetch(`${relais.url}${photoLink}`, { headers: ORIGIN });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(photo.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(Buffer.from(await photo.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    const pdf = await fetch(`${relais.url}${invoiceLink}`, { headers: ORIGIN });
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(invoice)).toBe(true);

    // Léa's history after a reload has the same files; the note's file never reaches her.
    const history = (await widgetGet(relais.url, channel.id, "/messages", lea.session)).body.data;
    const again = history.messages.find((m: { id: string }) => m.id === reply.body.data.id);
    expect(again.attachments.map((file: { id: string }) => file.id)).toEqual([photoId, invoiceId]);
    expect(JSON.stringify(history)).not.toContain(noteFileId);

    // Tom sees nothing of Léa's conversation, and his own link cannot be turned into hers.
    const tomView = JSON.stringify(
      (await widgetGet(relais.url, channel.id, "/messages", tom.session)).body.data,
    );
    expect(tomView).not.toContain(photoId);
    expect(tomView).not.toContain(invoiceId);
    const tomFileId = await upload("bon.png", "image/png", TINY_PNG);
    const tomReply = await api.post(`/api/v1/conversations/${tom.conversationId}/messages`, {
      text: "Votre bon",
      attachmentIds: [tomFileId],
    });
    const tomPushed = await tom.socket.next(
      (frame) => frame.type === "message" && frame.message.id === tomReply.body.data.id,
    );
    const tomLink = String(tomPushed.message.attachments[0].url);
    expect((await fetch(`${relais.url}${tomLink}`)).status).toBe(200);
    const stolen = await fetch(`${relais.url}${tomLink.replace(tomFileId, invoiceId)}`);
    expect(stolen.status).toBe(403);
    const noteLink = await fetch(`${relais.url}${tomLink.replace(tomFileId, noteFileId)}`);
    expect(noteLink.status).toBe(403);
    // Léa's socket never received Tom's file.
    expect(JSON.stringify(lea.socket.frames)).not.toContain(tomFileId);

    lea.socket.close();
    tom.socket.close();
  });

  it("emails the files with the answer when the visitor has left an address and gone", async () => {
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url, token);
    const { channel } = await createChatChannel(relais.services, account.id);
    const relay = await startRelay({ user: "support@shop.example", pass: "secret" });
    try {
      await createEmailChannel(relais.services, account.id, { smtpUrl: relay.url });
      const session = (await openWidgetSession(relais.url, channel.id)).body.data.token;
      const socket = await openLiveSocket(
        visitorSocketUrl(relais.url, channel.id, session),
        ORIGIN,
      );
      await socket.next((frame) => frame.type === "hello");
      socket.send({ type: "message", clientId: "gone-message-01", text: "La notice, svp ?" });
      const stored = await socket.next((frame) => frame.type === "stored");
      socket.close();
      await widgetPost(relais.url, channel.id, "/email", session, { email: "nina@example.fr" });
      await waitFor(async () => {
        const row = await relais.services.db
          .selectFrom("chat_sessions")
          .select("connections")
          .where("account_id", "=", account.id)
          .executeTakeFirstOrThrow();
        return row.connections === 0;
      });

      const manual = binaryFixture(1500, 9);
      const upload = await uploadFile(relais.url, token, {
        filename: "notice.pdf",
        contentType: "application/pdf",
        content: manual,
      });
      await api.post(`/api/v1/conversations/${stored.message.conversationId}/messages`, {
        text: "La voici.",
        attachmentIds: [upload.body.data.id],
      });
      const mail = await waitFor(() =>
        relay.received.find((m) => m.to.includes("nina@example.fr")),
      );
      expect(mail.mail.attachments.map((file) => [file.filename, file.contentType])).toEqual([
        ["notice.pdf", "application/pdf"],
      ]);
      expect(mail.mail.attachments[0]?.content.equals(manual)).toBe(true);
    } finally {
      await relay.close();
    }
  });
});
