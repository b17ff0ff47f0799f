import { describe, expect, it } from "vitest";
import type { InboundItem, InboundMessage } from "../provider.ts";
import { replyAddress, replySubject } from "./addresses.ts";
import { parseEmail } from "./inbound.ts";
import { splitQuoted } from "./quoted.ts";
import { emailFixture, parsingChannel } from "./testing/fixtures.ts";

const TO = "support@shop.example";
const KEY = "test-token-key-0123456789";
const channel = parsingChannel(TO, KEY);

function onlyMessage(items: InboundItem[]): InboundMessage {
  expect(items).toHaveLength(1);
  const item = items[0];
  if (item?.type !== "message") throw new Error(`expected a message, got ${item?.type}`);
  return item.message;
}

describe("parsing real-world mail", () => {
  it("reads ISO-8859-1 quoted-printable French, folding the signature but keeping it", async () => {
    const { items, dropped } = await parseEmail(channel, emailFixture("fr-iso-8859-1-qp", { TO }));
    expect(dropped).toBeNull();
    const message = onlyMessage(items);
    expect(message.subject).toBe("Cafetière abîmée à la livraison");
    expect(message.contact.name).toBe("Élodie Martin");
    expect(message.contact.identity).toMatchObject({
      kind: "email",
      value: "elodie.martin@example.fr",
    });
    expect(message.text).toContain("le carton était écrasé et la cafetière à l'intérieur");
    expect(message.text).toContain("Commande n° CMD-48213");
    expect(message.text).not.toContain("06 12 34 56 78");
    expect(message.metadata?.signature).toContain("06 12 34 56 78");
    expect(message.metadata?.quoted).toContain("Élodie Martin\n06 12 34 56 78");
    expect(message.externalId).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(message.threadId).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(message.sentAt?.toISOString()).toBe("2026-11-16T08:14:03.000Z");
  });

  it("reads Windows-1252 8-bit text and encoded headers (€, curly quotes, œ, guillemets)", async () => {
    const message = onlyMessage(
      (await parseEmail(channel, emailFixture("windows-1252-8bit", { TO }))).items,
    );
    expect(message.subject).toBe("Remboursement de 129,90 € – colis « livré »");
    expect(message.contact.name).toBe("François Lefèvre");
    expect(message.text).toContain("J’ai bien renvoyé le casque");
    expect(message.text).toContain("« livré » depuis une semaine… C’est un cœur de métier");
    // Outlook's "De : … Envoyé : …" block starts the quoted history.
    expect(message.text).not.toContain("voici l’étiquette");
    expect(message.metadata?.quoted).toContain("voici l’étiquette de retour");
  });

  it("keeps both alternatives of UTF-8 mail, sanitising the HTML", async () => {
    const message = onlyMessage(
      (await parseEmail(channel, emailFixture("alternative-utf8", { TO }))).items,
    );
    expect(message.subject).toBe("Question sur la garantie – casque à réduction de bruit 🎧");
    expect(message.text).toContain("grésille côté gauche");
    expect(message.text).toContain("Merci 🙏\nZoé");
    expect(message.text).not.toContain("Nous revenons vers vous");
    expect(message.metadata?.quoted).toContain("> Nous revenons vers vous rapidement.");
    const html = message.html ?? "";
    expect(html).toContain("<b>à réduction de bruit</b>");
    expect(html).toContain('href="https://example.fr/facture"');
    expect(html).toContain('class="gmail_quote"');
    expect(html).not.toMatch(/<script|onclick|javascript:|tracker\.example\.com/i);
  });

  it("keeps attachments and inline images with their Content-ID", async () => {
    const message = onlyMessage(
      (await parseEmail(channel, emailFixture("attachment-inline", { TO }))).items,
    );
    const files = message.attachments ?? [];
    expect(files.map((file) => [file.filename, file.contentType, file.inline])).toEqual([
      ["screen.png", "image/png", true],
      ["invoice-A-10293.pdf", "application/pdf", false],
    ]);
    expect(files[0]?.contentId).toBe("photo-1@example.com");
    expect(files[0]?.content?.subarray(1, 4).toString()).toBe("PNG");
    expect(files[1]?.content?.subarray(0, 5).toString()).toBe("%PDF-");
    expect(message.html).toContain('src="cid:photo-1@example.com"');
  });

  it("drops automatic replies and turns a bounce of our mail into a failed status", async () => {
    const auto = await parseEmail(channel, emailFixture("auto-reply", { TO }));
    expect(auto.items).toEqual([]);
    expect(auto.dropped).toBe("Auto-Submitted: auto-replied");

    const bounce = await parseEmail(
      channel,
      emailFixture("dsn-bounce", { TO, MESSAGE_ID: "<relais.abc@shop.example>" }),
    );
    expect(bounce.dropped).toBe("delivery report");
    expect(bounce.items).toEqual([
      expect.objectContaining({
        type: "status",
        externalId: "<relais.abc@shop.example>",
        status: "failed",
        error: expect.stringContaining(
          "550 5.1.1 <nobody@example.org>: Recipient address rejected",
        ),
      }),
    ]);
  });

  it("drops mail Relais sent, and mail from the channel's own address", async () => {
    const own = emailFixture("fr-iso-8859-1-qp", { TO }).toString("latin1");
    const looped = Buffer.from(`X-Relais-Loop: some-channel\r\n${own}`, "latin1");
    expect((await parseEmail(channel, looped)).dropped).toBe("sent by Relais");
    const fromUs = own.replaceAll("elodie.martin@example.fr", "support+c4-00000000@shop.example");
    expect((await parseEmail(channel, Buffer.from(fromUs, "latin1"))).items).toEqual([]);
  });

  it("reads threading headers and only a genuine conversation token", async () => {
    const reply = onlyMessage(
      (
        await parseEmail(
          channel,
          emailFixture("reply-in-reply-to", {
            TO,
            MESSAGE_ID: "<relais.1@shop.example>",
            DATE: "Mon, 16 Nov 2026 14:02:51 +0100",
          }),
        )
      ).items,
    );
    expect(reply.references).toEqual([
      "<20261116091403.4f2a@mail.example.fr>",
      "<relais.1@shop.example>",
    ]);
    expect(reply.threadId).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(reply.text).toBe("Merci beaucoup, l'échange me convient parfaitement.");
    expect(reply.conversationNumber).toBeUndefined();

    const tokened = emailFixture("fr-iso-8859-1-qp", { TO: replyAddress(TO, KEY, 42) });
    expect(onlyMessage((await parseEmail(channel, tokened)).items).conversationNumber).toBe(42);
    const forged = emailFixture("fr-iso-8859-1-qp", { TO: "support+c42-deadbeef@shop.example" });
    expect(
      onlyMessage((await parseEmail(channel, forged)).items).conversationNumber,
    ).toBeUndefined();
    const bySubject = emailFixture("auto-reply", { TO })
      .toString("latin1")
      .replace(/^Auto-Submitted.*\r\n|^X-Autoreply.*\r\n|^Precedence.*\r\n/gm, "")
      .replace(/^Subject: .*$/m, `Subject: ${replySubject("Colis", KEY, 7)}`);
    const tagged = onlyMessage((await parseEmail(channel, Buffer.from(bySubject, "latin1"))).items);
    expect(tagged.conversationNumber).toBe(7);
    expect(tagged.subject).toBe("Re: Colis");
  });
});

describe("splitQuoted", () => {
  it("leaves a message without history whole", () => {
    expect(splitQuoted("Bonjour,\nmerci !")).toEqual({
      text: "Bonjour,\nmerci !",
      signature: null,
      quoted: null,
    });
  });

  it("finds English attribution lines and 'Sent from my iPhone'", () => {
    const split = splitQuoted(
      "Yes please.\n\nSent from my iPhone\n\nOn 12 Nov 2026, at 10:00, Support <s@x.com> wrote:\n> Shall we refund?",
    );
    expect(split.text).toBe("Yes please.");
    expect(split.signature).toBe("Sent from my iPhone");
    expect(split.quoted).toContain("> Shall we refund?");
  });
});
