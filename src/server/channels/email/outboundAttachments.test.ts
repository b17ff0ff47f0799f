import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { binaryFixture, TINY_PNG, uploadFile } from "../../attachments/testing.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { resolveChannel } from "../resolve.ts";
import type { EmailChannel } from "./config.ts";
import { parseEmail } from "./inbound.ts";
import { createEmailChannel } from "./testing/channels.ts";
import { emailFixture } from "./testing/fixtures.ts";
import { startRelay } from "./testing/relay.ts";

describe("email replies with the agent's attachments", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    relay = await startRelay({ user: "support@shop.example", pass: "relay-pass" });
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
    await relay?.close();
  });

  it("uploads, replies, and the relay receives each file byte for byte with its name and type", async () => {
    const { account, token } = await createAccount(relais.services);
    const { channel, address } = await createEmailChannel(relais.services, account.id, {
      smtpUrl: relay.url,
    });
    const resolved = resolveChannel(channel, relais.services.secrets).channel as EmailChannel;
    const parsed = await parseEmail(resolved, emailFixture("fr-iso-8859-1-qp", { TO: address }));
    await inboundIngester(relais.services.db, channel, parsed.items);
    const api = apiClient(relais.url, token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data;

    const invoice = binaryFixture(40_000, 3);
    const uploads = [
      {
        filename: "Facture n°2026-118 (réglée).pdf",
        contentType: "application/pdf",
        content: invoice,
      },
      { filename: "étiquette.png", contentType: "image/png", content: TINY_PNG },
    ];
    const ids: string[] = [];
    for (const file of uploads) {
      const answer = await uploadFile(relais.url, token, file);
      expect(answer.status).toBe(201);
      ids.push(answer.body.data.id);
    }
    const text =
      "Bonjour Élodie,\n\nVous trouverez la facture et l'étiquette de retour ci-jointes.";
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text,
      attachmentIds: ids,
    });
    expect(reply.status).toBe(201);

    const sent = await waitFor(
      async () => {
        const messages = (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data
          .messages;
        const out = messages.find((m: { id: string }) => m.id === reply.body.data.id);
        return out?.delivery.status === "sent" ? out : null;
      },
      { timeoutMs: 30_000 },
    );
    expect(sent.attachments.map((file: { filename: string }) => file.filename)).toEqual(
      uploads.map((file) => file.filename),
    );

    expect(relay.received).toHaveLength(1);
    const { mail, raw } = relay.received[0] ?? { mail: null, raw: Buffer.alloc(0) };
    const mime = raw.toString("utf8");
    // Text and HTML alternatives inside multipart/mixed, the files as their own parts.
    expect(mime).toMatch(/Content-Type: multipart\/mixed;/);
    expect(mime).toMatch(/Content-Type: multipart\/alternative;/);
    expect(mime).toMatch(/Content-Disposition: attachment;/);
    expect(mail?.text?.trim()).toBe(text);
    const files = mail?.attachments ?? [];
    expect(files.map((file) => [file.filename, file.contentType, file.contentDisposition])).toEqual(
      [
        ["Facture n°2026-118 (réglée).pdf", "application/pdf", "attachment"],
        ["étiquette.png", "image/png", "attachment"],
      ],
    );
    expect(files[0]?.content.equals(invoice)).toBe(true);
    expect(files[1]?.content.equals(TINY_PNG)).toBe(true);
  });
});
