import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIdentity } from "../../src/server/channels/chat/identity.ts";
import { smtpReceiverPort } from "../../src/server/channels/email/smtpReceiver.ts";
import {
  createEmailChannel,
  deliverRaw,
} from "../../src/server/channels/email/testing/channels.ts";
import { createChatChannel } from "../../src/server/routes/widget/testing.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { assertNoRawKeys, settle, useLocale } from "./support/checks.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

const CUSTOMER = "camille.roux@example.fr";
const CHAT_TEXT = "Bonjour, ma lampe Aube est arrivée sans son abat-jour.";
const MAIL_TEXT = "Je vous envoie la photo du carton reçu, commande 51872.";

/** Serious or critical axe violations inside `selector`. */
async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * A plain mail from the customer to the shop's support address, as a mail server relays it. Its
 * Date header counts whole seconds and Relais dates the message by it: the mail is written at
 * the next whole second, so it is dated after the chat message sent just before.
 */
async function customerMail(to: string): Promise<Buffer> {
  const sentAt = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await waitFor(() => Date.now() >= sentAt.getTime(), { message: "the next whole second" });
  return Buffer.from(
    [
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "MIME-Version: 1.0",
      `From: Camille Roux <${CUSTOMER}>`,
      `To: Service client <${to}>`,
      "Subject: =?utf-8?q?Abat-jour_manquant?=",
      "Message-ID: <one-customer-1@example.fr>",
      `Date: ${sentAt.toUTCString()}`,
      "",
      "Bonjour,",
      "",
      MAIL_TEXT,
      "",
      "Camille",
      "",
    ].join("\r\n"),
  );
}

interface TimelineItem {
  type: string;
  at: string;
  channelKind: string | null;
  conversationId: string | null;
  text?: string | null;
}

/**
 * The same person writes twice: signed in on the shop's site, through the real chat widget
 * (the site vouches for her email with the channel's signature), then by email, sent over SMTP
 * to Relais's receiver from that address. The agent finds ONE customer with both identities and
 * ONE timeline holding both messages in the order they were written — in French and English.
 */
describe("one customer writing by chat and by email, in Chromium", { timeout: 240_000 }, () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let host: Server;
  let hostUrl = "";
  let channelId = "";
  let secret = "";
  let supportAddress = "";
  let api: ReturnType<typeof apiClient>;
  let contactId = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    host = createServer((_request, response) => {
      const signature = signIdentity(secret, "shop-user-4711", CUSTOMER);
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maison Lumière</title></head>
<body><main><h1>Maison Lumière — mon compte</h1></main>
<script src="${relais.url}/widget.js" data-channel="${channelId}" data-locale="fr" data-name="Camille Roux"
  data-user-id="shop-user-4711" data-email="${CUSTOMER}" data-signature="${signature}" async></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const chat = await createChatChannel(relais.services, seed.account.id, {
      allowedOrigins: [hostUrl],
    });
    channelId = chat.channel.id;
    secret = chat.secret;
    supportAddress = (await createEmailChannel(relais.services, seed.account.id)).address;
    browser = await openBrowser({ timezoneId: "Europe/Paris" });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  it("joins the chat and the email of the same person into one customer", async () => {
    // By chat, through the widget on the shop's page.
    const visitor = await browser.context.newPage();
    await visitor.goto(hostUrl);
    await visitor.locator(".launcher").click();
    const input = visitor.locator("textarea[name=message]");
    await input.fill(CHAT_TEXT);
    await input.press("Enter");
    await visitor.locator(".message.in[data-id]", { hasText: "abat-jour" }).waitFor();
    await visitor.close();
    const chatConversation = await waitFor(
      async () => {
        const list = (await api.get("/api/v1/conversations")).body.data as Array<{
          id: string;
          channel: { kind: string } | null;
          contact: { id: string };
        }>;
        return list.find((c) => c.channel?.kind === "chat");
      },
      { message: "the chat conversation" },
    );

    // By email, over SMTP, from the address the site vouched for.
    const port = smtpReceiverPort(relais.services);
    if (!port) throw new Error("the SMTP receiver did not start");
    await deliverRaw(port, await customerMail(supportAddress), {
      from: CUSTOMER,
      to: [supportAddress],
    });
    const conversations = await waitFor(
      async () => {
        const list = (await api.get("/api/v1/conversations")).body.data as Array<{
          id: string;
          channel: { kind: string } | null;
          contact: { id: string };
        }>;
        return list.some((c) => c.channel?.kind === "email") ? list : null;
      },
      { message: "the email conversation" },
    );

    // Two conversations, one customer.
    expect(conversations).toHaveLength(2);
    expect(new Set(conversations.map((c) => c.contact.id))).toEqual(
      new Set([chatConversation.contact.id]),
    );
    contactId = chatConversation.contact.id;
    const found = (await api.get(`/api/v1/contacts?q=${encodeURIComponent("Camille")}`)).body
      .data as Array<{ id: string }>;
    expect(found.map((contact) => contact.id)).toEqual([contactId]);

    const contact = (await api.get(`/api/v1/contacts/${contactId}`)).body.data as {
      identities: Array<{ kind: string; value: string }>;
    };
    expect(contact.identities.map((identity) => identity.kind).sort()).toEqual(["chat", "email"]);
    expect(contact.identities.find((identity) => identity.kind === "email")?.value).toBe(CUSTOMER);

    // One timeline: the chat message, then the email, each with its channel.
    const timeline = (await api.get(`/api/v1/contacts/${contactId}/timeline`)).body
      .data as TimelineItem[];
    const messages = timeline.filter((item) => item.type === "message");
    expect(messages.map((item) => item.channelKind)).toEqual(["chat", "email"]);
    expect(messages[0]?.text).toContain("abat-jour");
    expect(messages[1]?.text).toContain("commande 51872");
    expect(new Set(messages.map((item) => item.conversationId)).size).toBe(2);
    const times = timeline.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  for (const locale of ["fr", "en"] as const) {
    it(`shows the agent one customer and one timeline (${locale})`, async () => {
      expect(contactId).not.toBe("");
      const { page } = browser;
      await useLocale(page, locale);
      await page.goto(`${relais.url}/contacts/${contactId}`);

      const identities = page.getByTestId("contact-identities");
      await identities.waitFor();
      await expect.poll(() => identities.locator("[data-identity-kind]").count()).toBe(2);
      expect(await identities.locator("[data-identity-kind=chat]").count()).toBe(1);
      expect(await identities.locator("[data-identity-kind=email]").textContent()).toContain(
        CUSTOMER,
      );

      const timeline = page.getByTestId("customer-timeline");
      await timeline.waitFor();
      const entries = await timeline.locator("li").allTextContents();
      const chatAt = entries.findIndex((text) => text.includes("abat-jour"));
      const mailAt = entries.findIndex((text) => text.includes("commande 51872"));
      expect(chatAt).toBeGreaterThanOrEqual(0);
      expect(mailAt).toBeGreaterThan(chatAt);
      // Nothing to merge: the verified email already made them one.
      expect(await page.getByTestId("duplicates").count()).toBe(0);
      await expect
        .poll(() => page.getByTestId("customer-insight").textContent())
        .toContain(
          locale === "fr" ? "Un seul fil, tous les canaux" : "One timeline, every channel",
        );

      await settle(page);
      await assertNoRawKeys(page);
      expect(await seriousViolations(page, "[data-testid=customer-insight]")).toEqual([]);
      expect(await seriousViolations(page, "[data-testid=contact-identities]")).toEqual([]);
      await screenshot(page, `one-customer-chat-email-${locale}`);
    });
  }
});

/**
 * When nothing verified joins them: an anonymous visitor leaves her address in the widget's
 * email form (an unverified hint, never a merge key), then writes from it. Relais keeps two
 * records, suggests them as possibly the same person with the evidence, and one click makes one
 * customer with one timeline.
 */
describe("one customer after the suggested merge, in Chromium", { timeout: 240_000 }, () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let host: Server;
  let hostUrl = "";
  let channelId = "";
  let supportAddress = "";
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    host = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maison Lumière</title></head>
<body><main><h1>Maison Lumière</h1></main>
<script src="${relais.url}/widget.js" data-channel="${channelId}" data-locale="fr" data-name="Camille Roux" async></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const chat = await createChatChannel(relais.services, seed.account.id, {
      allowedOrigins: [hostUrl],
    });
    channelId = chat.channel.id;
    supportAddress = (await createEmailChannel(relais.services, seed.account.id)).address;
    browser = await openBrowser({ timezoneId: "Europe/Paris" });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  it("suggests the two records, merges them in one click and shows one timeline (FR, EN)", async () => {
    // No agent is online yet: the widget offers to continue by email, and she leaves her address.
    const visitor = await browser.context.newPage();
    await visitor.goto(hostUrl);
    await visitor.locator(".launcher").click();
    const input = visitor.locator("textarea[name=message]");
    await input.fill(CHAT_TEXT);
    await input.press("Enter");
    await visitor.locator(".message.in[data-id]", { hasText: "abat-jour" }).waitFor();
    await visitor.locator("input[name=email]").fill(CUSTOMER);
    await visitor.locator(".email-form button[type=submit]").click();
    await visitor.getByText(`nous vous répondrons à ${CUSTOMER}`).waitFor();
    await visitor.close();

    const port = smtpReceiverPort(relais.services);
    if (!port) throw new Error("the SMTP receiver did not start");
    await deliverRaw(port, await customerMail(supportAddress), {
      from: CUSTOMER,
      to: [supportAddress],
    });
    const conversations = await waitFor(
      async () => {
        const list = (await api.get("/api/v1/conversations")).body.data as Array<{
          channel: { kind: string } | null;
          contact: { id: string };
        }>;
        return list.length === 2 ? list : null;
      },
      { message: "the chat and the email conversations" },
    );
    const chatContact = conversations.find((c) => c.channel?.kind === "chat")?.contact.id ?? "";
    const mailContact = conversations.find((c) => c.channel?.kind === "email")?.contact.id ?? "";
    // An address typed in the widget is no proof: two records until an agent decides.
    expect(chatContact).not.toBe("");
    expect(mailContact).not.toBe("");
    expect(chatContact).not.toBe(mailContact);
    const duplicates = (await api.get(`/api/v1/contacts/${chatContact}/duplicates`)).body
      .data as Array<{
      contact: { id: string };
      evidence: Array<{ kind: string; detail: string }>;
    }>;
    expect(duplicates[0]?.contact.id).toBe(mailContact);
    expect(duplicates[0]?.evidence).toContainEqual({ kind: "same_email", detail: CUSTOMER });

    const { page } = browser;
    await signIn(page, relais.url, seed.user.email, seed.password);
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/contacts/${chatContact}`);
    const suggestion = page.getByTestId("duplicates");
    await suggestion.waitFor();
    await expect.poll(() => suggestion.textContent()).toContain(CUSTOMER);
    expect(await suggestion.textContent()).toContain("Peut-être la même personne");
    await settle(page);
    await assertNoRawKeys(page);
    expect(await seriousViolations(page, "[data-testid=customer-insight]")).toEqual([]);
    await screenshot(page, "one-customer-suggested-fr");

    await suggestion.getByRole("button", { name: "Fusionner" }).click();
    await page.getByTestId("merge-history").waitFor();
    const timeline = page.getByTestId("customer-timeline");
    await expect.poll(async () => (await timeline.textContent()) ?? "").toContain("commande 51872");
    expect(await page.getByTestId("duplicates").count()).toBe(0);
    const identities = page.getByTestId("contact-identities");
    await expect.poll(() => identities.locator("[data-identity-kind]").count()).toBe(2);
    expect(await identities.locator("[data-identity-kind=email]").textContent()).toContain(
      CUSTOMER,
    );
    const entries = await timeline.locator("li").allTextContents();
    expect(entries.findIndex((text) => text.includes("commande 51872"))).toBeGreaterThan(
      entries.findIndex((text) => text.includes("abat-jour")),
    );
    const items = (await api.get(`/api/v1/contacts/${chatContact}/timeline`)).body
      .data as TimelineItem[];
    expect(items.filter((item) => item.type === "message").map((item) => item.channelKind)).toEqual(
      ["chat", "email"],
    );
    await settle(page);
    expect(await seriousViolations(page, "[data-testid=customer-insight]")).toEqual([]);
    await screenshot(page, "one-customer-merged-fr");

    await useLocale(page, "en");
    await page.goto(`${relais.url}/contacts/${chatContact}`);
    await expect
      .poll(() => page.getByTestId("customer-insight").textContent())
      .toContain("One timeline, every channel");
    expect(await page.getByTestId("customer-timeline").textContent()).toContain("commande 51872");
    await settle(page);
    await assertNoRawKeys(page);
    expect(await seriousViolations(page, "[data-testid=customer-insight]")).toEqual([]);
    await screenshot(page, "one-customer-merged-en");
  });
});
