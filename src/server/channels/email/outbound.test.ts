import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { startTestRelais } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { resolveChannel } from "../resolve.ts";
import type { EmailChannel } from "./config.ts";
import { parseEmail } from "./inbound.ts";
import { createEmailChannel } from "./testing/channels.ts";
import { emailFixture } from "./testing/fixtures.ts";
import { type RelayScript, startRelay } from "./testing/relay.ts";

describe("email out through the channel's SMTP relay", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  const relays: Array<Awaited<ReturnType<typeof startRelay>>> = [];

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_SMTP_PORT: "0" });
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
    for (const relay of relays) await relay.close();
  });

  /** A customer's mail received on a fresh channel, and the agent's reply to it. */
  async function replyTo(
    fixture: string,
    text: string,
    script?: RelayScript,
    values: Record<string, string> = {},
  ) {
    const relay = await startRelay({ user: "support@shop.example", pass: "p@ss:wörd", script });
    relays.push(relay);
    const { account, token } = await createAccount(relais.services);
    const { channel, address } = await createEmailChannel(relais.services, account.id, {
      smtpUrl: relay.url,
    });
    const resolved = resolveChannel(channel, relais.services.secrets).channel as EmailChannel;
    const parsed = await parseEmail(resolved, emailFixture(fixture, { ...values, TO: address }));
    const stored = await inboundIngester(relais.services.db, channel, parsed.items);
    const api = apiClient(relais.url, token);
    const [conversation] = (await api.get("/api/v1/conversations")).body.data;
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text,
      kind: "reply",
    });
    expect(reply.status).toBe(201);
    const settled = () =>
      waitFor(
        async () => {
          const messages = (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data
            .messages;
          const sent = messages.find((m: { id: string }) => m.id === reply.body.data.id);
          return sent?.delivery.status !== "queued" ? sent : null;
        },
        { timeoutMs: 60_000 },
      );
    return { relay, address, conversation, settled, inboundId: stored.messageIds[0] };
  }

  it("sends text and HTML with threading headers, From, Reply-To token and the subject tag", async () => {
    const text =
      "Bonjour Élodie,\n\nNous vous envoyons une cafetière neuve dès aujourd'hui.\nÀ bientôt !";
    const { relay, address, conversation, settled } = await replyTo("fr-iso-8859-1-qp", text);
    const sent = await settled();
    expect(sent.delivery).toMatchObject({ status: "sent", attempts: 1, error: null });

    expect(relay.received).toHaveLength(1);
    const [{ mail, from, to, user }] = relay.received as [(typeof relay.received)[number]];
    expect(user).toBe("support@shop.example");
    expect(from).toBe(address);
    expect(to).toEqual(["elodie.martin@example.fr"]);
    expect(mail.from?.value[0]).toEqual({ address, name: "Service client" });
    const [local] = address.split("@");
    expect(mail.replyTo?.value[0]?.address).toMatch(
      new RegExp(`^${local}\\+c${conversation.number}-[0-9a-f]{8}@shop\\.example$`),
    );
    expect(mail.subject).toMatch(
      new RegExp(
        `^Re: Cafetière abîmée à la livraison \\[#R-${conversation.number}-[0-9a-f]{8}\\]$`,
      ),
    );
    expect(mail.messageId).toBe(`<relais.${sent.id}@shop.example>`);
    expect(sent.externalId).toBe(mail.messageId);
    expect(mail.inReplyTo).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(mail.references).toBe("<20261116091403.4f2a@mail.example.fr>");
    expect(mail.headers.get("x-relais-loop")).toBeTruthy();
    expect(mail.text?.trim()).toBe(text);
    expect(mail.html).toContain("<p>Bonjour Élodie,</p>");
    expect(mail.html).toContain("cafetière neuve dès aujourd&#39;hui.<br>À bientôt !");
    expect(relay.received[0]?.raw.toString("utf8")).toMatch(/multipart\/alternative/);
  });

  it("keeps the whole References chain when answering a reply", async () => {
    const { relay, settled } = await replyTo(
      "reply-in-reply-to",
      "Parfait, bonne journée.",
      undefined,
      {
        MESSAGE_ID: "<relais.earlier@shop.example>",
        DATE: new Date().toUTCString(),
      },
    );
    await settled();
    const { mail } = relay.received[0] ?? {};
    expect(mail?.inReplyTo).toBe("<5c1d9e8f-reply@mail.example.fr>");
    expect(mail?.references).toEqual([
      "<20261116091403.4f2a@mail.example.fr>",
      "<relais.earlier@shop.example>",
      "<5c1d9e8f-reply@mail.example.fr>",
    ]);
  });

  it("marks the reply failed with the relay's reason on a permanent 5xx", async () => {
    const { relay, settled } = await replyTo(
      "windows-1252-8bit",
      "Remboursement effectué.",
      () => ({
        code: 550,
        message: "5.7.1 Sender address rejected: not owned by user",
      }),
    );
    const failed = await settled();
    expect(failed.delivery.status).toBe("failed");
    expect(failed.delivery.attempts).toBe(1);
    expect(failed.delivery.error).toContain("550 5.7.1 Sender address rejected: not owned by user");
    expect(relay.received).toHaveLength(0);
  });

  it("retries a temporary 4xx through the durable queue, then delivers", async () => {
    const { relay, settled } = await replyTo(
      "attachment-inline",
      "A replacement is on its way.",
      (attempt) =>
        attempt === 0 ? { code: 421, message: "4.3.2 Service shutting down, try later" } : null,
    );
    const sent = await settled();
    expect(sent.delivery.status).toBe("sent");
    expect(sent.delivery.attempts).toBe(2);
    expect(relay.attempts()).toBe(2);
    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]?.mail.subject).toMatch(/^Re: Cracked screen on arrival/);
  });
});
