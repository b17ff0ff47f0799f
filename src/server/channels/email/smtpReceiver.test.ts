import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { smtpReceiverPort } from "./smtpReceiver.ts";
import { createEmailChannel, deliverRaw } from "./testing/channels.ts";
import { emailFixture } from "./testing/fixtures.ts";
import { startRelay } from "./testing/relay.ts";

const CUSTOMER = "elodie.martin@example.fr";

describe("email in by SMTP", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let port: number;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
    relay = await startRelay({ user: "relais@shop.example", pass: "s3cret pass" });
    const bound = smtpReceiverPort(relais.services);
    if (!bound) throw new Error("the SMTP receiver did not start");
    port = bound;
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
    await relay?.close();
  });

  async function setup() {
    const { account, token } = await createAccount(relais.services);
    const { channel, address } = await createEmailChannel(relais.services, account.id, {
      smtpUrl: relay.url,
    });
    return { api: apiClient(relais.url, token), channel, address };
  }

  async function conversations(api: ReturnType<typeof apiClient>) {
    const list = await api.get("/api/v1/conversations?status=open,pending,snoozed,resolved");
    expect(list.status).toBe(200);
    return list.body.data as Array<{
      id: string;
      number: number;
      subject: string;
      status: string;
      contact: { name: string };
    }>;
  }

  it("stores real-world mail: charsets, alternatives, attachments and inline images", async () => {
    const { api, address } = await setup();
    for (const name of [
      "fr-iso-8859-1-qp",
      "windows-1252-8bit",
      "alternative-utf8",
      "attachment-inline",
    ]) {
      await deliverRaw(port, emailFixture(name, { TO: address }), {
        from: "sender@example.net",
        to: [address],
      });
    }
    const list = await conversations(api);
    expect(list.map((c) => c.subject).sort()).toEqual([
      "Cafetière abîmée à la livraison",
      "Cracked screen on arrival - photo and invoice attached",
      "Question sur la garantie – casque à réduction de bruit 🎧",
      "Remboursement de 129,90 € – colis « livré »",
    ]);
    expect(list.map((c) => c.contact.name).sort()).toEqual(
      ["Élodie Martin", "François Lefèvre", "James Carter", "Zoé Lambert"].sort(),
    );

    const french = list.find((c) => c.contact.name === "François Lefèvre");
    const detail = await api.get(`/api/v1/conversations/${french?.id}`);
    const [message] = detail.body.data.messages;
    expect(message.text).toContain("je n’ai toujours pas reçu le remboursement de 129,90 €");
    expect(message.metadata.quoted).toContain("De : Service client");

    const james = list.find((c) => c.contact.name === "James Carter");
    const withFiles = (await api.get(`/api/v1/conversations/${james?.id}`)).body.data.messages[0];
    const [image, invoice] = withFiles.attachments;
    expect(image).toMatchObject({ filename: "screen.png", contentType: "image/png", inline: true });
    expect(invoice).toMatchObject({ filename: "invoice-A-10293.pdf", inline: false });
    expect(withFiles.html).toContain(`src="/api/v1/attachments/${image.id}"`);
    expect(withFiles.html).not.toContain("cid:");
    expect((await fetch(`${relais.url}${invoice.url}`)).status).toBe(401);
    const pdf = await api.call("GET", invoice.url);
    expect(pdf.status).toBe(200);
    expect(String(pdf.body)).toMatch(/^%PDF-1\.4/);

    // The same mail delivered twice (a retrying server) is stored once.
    await deliverRaw(port, emailFixture("attachment-inline", { TO: address }), {
      from: "sender@example.net",
      to: [address],
    });
    expect(await conversations(api)).toHaveLength(4);
  });

  it("reads a From that Python's email package wrote as one encoded word", async () => {
    const { api, address } = await setup();
    await deliverRaw(port, emailFixture("python-encoded-from", { TO: address }), {
      from: "rene@example.fr",
      to: [address],
    });
    const [conversation] = await conversations(api);
    expect(conversation?.subject).toBe("Notice manquante – grille-pain");
    expect(conversation?.contact.name).toBe("René Dupont");
    const detail = await api.get(`/api/v1/conversations/${conversation?.id}`);
    expect(detail.body.data.messages[0].text).toContain("sans la notice du grille-pain");
  });

  it("delivers an address's mail to the one channel, of one account, that holds it", async () => {
    const owner = await setup();
    const intruder = await createAccount(relais.services);
    const intruderApi = apiClient(relais.url, intruder.token);
    const taken = await intruderApi.post("/api/v1/channels", {
      kind: "email",
      name: "Support",
      config: { address: owner.address.toUpperCase() },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe("address_taken");
    await deliverRaw(port, emailFixture("fr-iso-8859-1-qp", { TO: owner.address }), {
      from: CUSTOMER,
      to: [owner.address],
    });
    expect(await conversations(owner.api)).toHaveLength(1);
    expect(await conversations(intruderApi)).toHaveLength(0);
  });

  it("refuses unknown recipients at RCPT and stores nothing", async () => {
    const { api, address } = await setup();
    const [local, domain] = address.split("@");
    const error = await deliverRaw(port, emailFixture("fr-iso-8859-1-qp", { TO: address }), {
      from: CUSTOMER,
      to: [`nobody-${local}@${domain}`],
    }).then(
      () => null,
      (failure: { responseCode?: number; response?: string }) => failure,
    );
    expect(error?.responseCode).toBe(550);
    expect(error?.response).toMatch(/No mailbox here/);
    expect(await conversations(api)).toHaveLength(0);
  });

  it("opens nothing for automatic replies or bounces", async () => {
    const { api, address } = await setup();
    await deliverRaw(port, emailFixture("auto-reply", { TO: address }), {
      from: CUSTOMER,
      to: [address],
    });
    await deliverRaw(
      port,
      emailFixture("dsn-bounce", { TO: address, MESSAGE_ID: "<unknown@shop.example>" }),
      {
        from: "",
        to: [address],
      },
    );
    expect(await conversations(api)).toHaveLength(0);
  });

  it("threads the customer's answer to our reply into the same conversation, reopening it", async () => {
    const { api, address } = await setup();
    await deliverRaw(port, emailFixture("fr-iso-8859-1-qp", { TO: address }), {
      from: CUSTOMER,
      to: [address],
    });
    const [conversation] = await conversations(api);
    const reply = await api.post(`/api/v1/conversations/${conversation?.id}/messages`, {
      text: "Bonjour Élodie, nous vous envoyons une cafetière neuve dès aujourd'hui.",
      kind: "reply",
    });
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      () =>
        relay.received.find(
          (mail) => mail.to.includes(CUSTOMER) && mail.mail.text?.includes("cafetière neuve"),
        ),
      { timeoutMs: 60_000 },
    );
    const ourId = sent.mail.messageId ?? "";
    expect(ourId).toMatch(/^<relais\./);
    await api.patch(`/api/v1/conversations/${conversation?.id}`, { status: "resolved" });

    // The customer answers from a mail program that dropped the Reply-To: In-Reply-To threads it.
    await deliverRaw(
      port,
      emailFixture("reply-in-reply-to", {
        TO: address,
        MESSAGE_ID: ourId,
        DATE: new Date(Date.now() + 1000).toUTCString(),
      }),
      {
        from: CUSTOMER,
        to: [address],
      },
    );
    const after = await conversations(api);
    expect(after).toHaveLength(1);
    expect(after[0]?.status).toBe("open");
    const messages = (await api.get(`/api/v1/conversations/${conversation?.id}`)).body.data
      .messages;
    expect(messages.map((m: { direction: string }) => m.direction)).toEqual(["in", "out", "in"]);
    expect(messages[2].text).toBe("Merci beaucoup, l'échange me convient parfaitement.");

    // A new mail written to the token address of the Reply-To also lands there.
    const replyTo = sent.mail.replyTo?.value[0]?.address ?? "";
    const number = after[0]?.number;
    expect(replyTo).toMatch(
      new RegExp(`^${address.split("@")[0]}\\+c${number}-[0-9a-f]{8}@shop\\.example$`),
    );
    const fresh = emailFixture("windows-1252-8bit", { TO: replyTo });
    await deliverRaw(port, fresh, { from: "francois.lefevre@example.fr", to: [replyTo] });
    expect(await conversations(api)).toHaveLength(1);

    // A bounce of our reply marks it failed with the remote server's reason.
    await deliverRaw(port, emailFixture("dsn-bounce", { TO: address, MESSAGE_ID: ourId }), {
      from: "",
      to: [address],
    });
    const bounced = (
      await api.get(`/api/v1/conversations/${conversation?.id}`)
    ).body.data.messages.find((m: { id: string }) => m.id === reply.body.data.id);
    expect(bounced.delivery.status).toBe("failed");
    expect(bounced.delivery.error).toContain(
      "550 5.1.1 <nobody@example.org>: Recipient address rejected",
    );
    expect(await conversations(api)).toHaveLength(1);
  });
});
