import { describe, expect, it } from "vitest";
import type { InboundItem } from "../provider.ts";
import { parseEmail } from "./inbound.ts";
import { emailFixture, parsingChannel } from "./testing/fixtures.ts";

const TO = "support@shop.example";
const channel = parsingChannel(TO, "test-token-key-0123456789");

/** The no-sender fixture with extra header lines put before its From. */
function withHeaders(lines: string[], id = "no-sender-1@example.fr"): Buffer {
  const raw = emailFixture("no-sender-address", { TO, MESSAGE_ID: id }).toString("latin1");
  return Buffer.from(`${lines.map((line) => `${line}\r\n`).join("")}${raw}`, "latin1");
}

function sender(items: InboundItem[]) {
  const [item] = items;
  if (item?.type !== "message") throw new Error(`expected a message, got ${item?.type}`);
  return { address: item.message.contact.identity.value, name: item.message.contact.name };
}

describe("finding the sender of a mail", () => {
  it("reads a From that is one encoded word holding the address (Python's email package)", async () => {
    const raw = emailFixture("python-encoded-from", { TO });
    expect(raw.toString("latin1")).toContain(
      "From: =?utf-8?b?UmVuw6kgRHVwb250IDxyZW5lQGV4YW1wbGUuZnI+?=",
    );
    const parsed = await parseEmail(channel, raw);
    expect(parsed.dropped).toBeNull();
    expect(sender(parsed.items)).toEqual({ address: "rene@example.fr", name: "René Dupont" });
    const [item] = parsed.items;
    expect(item?.type === "message" && item.message.text).toContain("sans la notice");
    expect(item?.type === "message" && item.message.metadata?.email).toMatchObject({
      from: "rene@example.fr",
    });
  });

  it("falls back to Reply-To, then Sender, then the envelope sender", async () => {
    const replyTo = await parseEmail(
      channel,
      withHeaders(["Reply-To: =?utf-8?q?Ren=C3=A9?= <rene.reply@example.fr>"]),
    );
    expect(sender(replyTo.items)).toEqual({ address: "rene.reply@example.fr", name: "René" });

    const bySender = await parseEmail(channel, withHeaders(["Sender: rene.sender@example.fr"]));
    expect(sender(bySender.items).address).toBe("rene.sender@example.fr");

    const byEnvelope = await parseEmail(channel, withHeaders([]), {
      sender: "Rene.Envelope@Example.fr",
    });
    expect(sender(byEnvelope.items)).toEqual({
      address: "rene.envelope@example.fr",
      name: "Service Réclamations",
    });

    const byImapEnvelope = await parseEmail(channel, withHeaders([]), {
      imapEnvelope: ["rene.imap@example.fr"],
    });
    expect(sender(byImapEnvelope.items).address).toBe("rene.imap@example.fr");

    const byReturnPath = await parseEmail(
      channel,
      withHeaders(["Return-Path: <rene.bounce@example.fr>"]),
    );
    expect(sender(byReturnPath.items).address).toBe("rene.bounce@example.fr");
  });

  it("recognises our own address inside an encoded From, and still drops it", async () => {
    const own = Buffer.from(
      emailFixture("python-encoded-from", { TO })
        .toString("latin1")
        // "Support <support+c4-00000000@shop.example>" as one encoded word
        .replace(
          /^From: .*$/m,
          `From: =?utf-8?b?${Buffer.from("Support <support+c4-00000000@shop.example>").toString("base64")}?=`,
        ),
      "latin1",
    );
    const parsed = await parseEmail(channel, own);
    expect(parsed.items).toEqual([]);
    expect(parsed.dropped).toBe("sent from the channel's own address");
  });

  it("quarantines what names nobody, whole, rather than dropping it", async () => {
    const raw = withHeaders([]);
    // A forwarder's rewritten envelope (SRS) or one on our own domain is not the customer.
    for (const envelopeSender of [
      "SRS0=Hx2q=TT=example.fr=rene@fwd.example",
      "relay@shop.example",
    ]) {
      const parsed = await parseEmail(channel, raw, { sender: envelopeSender, recipients: [TO] });
      expect(parsed.dropped).toBeNull();
      expect(parsed.items).toEqual([
        {
          type: "quarantine",
          externalId: "<no-sender-1@example.fr>",
          reason: "no sender address",
          raw,
          from: "Service Réclamations",
          subject: "Remboursement en attente",
          text: expect.stringContaining("remboursement pour la commande CMD-50112"),
          envelope: { sender: envelopeSender, recipients: [TO] },
        },
      ]);
    }
  });

  it("quarantines a message that cannot be parsed at all", async () => {
    const raw = Buffer.from("From: someone\r\nContent-Type: multipart/mixed\r\n\r\n--");
    const parsed = await parseEmail(channel, raw);
    const [item] = parsed.items;
    expect(item?.type).toBe("quarantine");
    expect(item?.type === "quarantine" && item.raw).toEqual(raw);
  });
});
