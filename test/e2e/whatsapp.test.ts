import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_MEDIA } from "../fakes/whatsapp.ts";
import { createAccount } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { useLocale } from "./support/checks.ts";
import { startWebRelais, type WebRelais } from "./support/relais.ts";
import { capture } from "./support/settings.ts";
import {
  createWhatsAppChannel,
  startWhatsApp,
  type WhatsAppFake,
  whatsappCustomerWrites,
} from "./support/whatsapp.ts";

const HOUR = 3_600_000;
const LUCAS = { waId: "33798765432", name: "Lucas Bernard" };
const PRIYA = { waId: "447700900123", name: "Priya Shah" };

/**
 * WhatsApp's 24-hour customer-service window in the composer: outside it free text is closed and
 * an approved template is sent instead (its variable filled, the Graph fake receiving it); a new
 * message from the customer reopens the window; a refusal from the server is shown with its
 * reason while the draft stays.
 */
describe("WhatsApp's 24-hour window in the composer", () => {
  let relais: WebRelais;
  let fake: WhatsAppFake;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let channelId = "";
  let lucasId = "";

  const conversationOf = async (name: string): Promise<string> =>
    waitFor(
      async () => {
        const list = (await api.get("/api/v1/conversations")).body.data as Array<{
          id: string;
          contact: { name: string | null };
        }>;
        return list.find((conversation) => conversation.contact.name === name)?.id;
      },
      { message: `${name}'s conversation` },
    );

  const open = async (page: Page, conversationId: string) => {
    await page.goto(`${relais.url}/inbox/all/${conversationId}?status=all`);
    await page.getByTestId("composer").waitFor();
  };

  const windowState = (page: Page) =>
    page.getByTestId("reply-window").getAttribute("data-state", { timeout: 10_000 });

  beforeAll(async () => {
    fake = await startWhatsApp();
    relais = await startWebRelais();
    const { account, user, token, password } = await createAccount(relais.services, {
      locale: "fr",
    });
    api = apiClient(relais.url, token);
    channelId = (await createWhatsAppChannel(relais, account.id, fake.url)).id;
    await whatsappCustomerWrites(relais, channelId, {
      ...LUCAS,
      text: "Bonjour, j'ai été débité deux fois pour la commande CMD-47790. Vous pouvez vérifier ?",
      at: new Date(Date.now() - 26 * HOUR),
    });
    lucasId = await conversationOf(LUCAS.name);
    browser = await openBrowser();
    await signIn(browser.page, relais.url, user.email, password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await fake?.close();
  });

  it("shows the window closed after 24 hours: free text disabled, notes still allowed", async () => {
    const { page } = browser;
    await open(page, lucasId);
    expect(await windowState(page)).toBe("closed");
    expect(await page.getByTestId("reply-window").textContent()).toBe(
      "Hors de la fenêtre de 24 h : seul un modèle approuvé peut être envoyé",
    );
    const input = page.getByTestId("composer-input");
    expect(await input.isDisabled()).toBe(true);
    expect(await page.getByTestId("send").count()).toBe(0);
    await page.getByTestId("choose-template").waitFor();
    await capture(page, "whatsapp-closed-fr");

    await page.locator("label", { has: page.getByTestId("mode-note") }).click();
    expect(await input.isDisabled()).toBe(false);
    await input.fill("Double débit confirmé côté banque, à rembourser.");
    await page.getByTestId("send").click();
    await page.locator('.rl-message[data-kind="note"]', { hasText: "Double débit" }).waitFor();
    await page.locator("label", { has: page.getByTestId("mode-reply") }).click();
    expect(await input.isDisabled()).toBe(true);
    expect(fake.sent).toHaveLength(0);
  });

  it("sends an approved template with its variables, which WhatsApp receives", async () => {
    const { page } = browser;
    await page.getByTestId("choose-template").click();
    const picker = page.getByTestId("template-picker");
    await picker.waitFor();
    // Only approved templates are offered, the customer's language first.
    const offered = await picker
      .locator("[data-template]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-template")));
    expect(offered).toEqual(["suivi_commande", "order_follow_up"]);
    await picker.locator('[data-template="suivi_commande"]').click();
    // {{1}} greets the customer: their first name is already there.
    expect(await page.getByTestId("template-variable-1").inputValue()).toBe("Lucas");
    expect(await page.getByTestId("template-send").isDisabled()).toBe(true);
    await page.getByTestId("template-variable-2").fill("CMD-47790");
    const preview = page.getByTestId("template-preview");
    expect(await preview.textContent()).toBe(
      "Bonjour Lucas, nous revenons vers vous au sujet de la commande CMD-47790. Pouvez-vous nous répondre ici ?",
    );
    await capture(page, "whatsapp-template-fr");

    await page.getByTestId("template-send").click();
    await picker.waitFor({ state: "detached" });
    const sent = page.locator('.rl-message[data-kind="out"]', {
      hasText: "au sujet de la commande CMD-47790",
    });
    await sent.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    expect(await sent.getByTestId("template-badge").textContent()).toContain("suivi_commande");
    expect(fake.sent.map((message) => message.type)).toEqual(["template"]);
    expect(fake.sent[0]?.to).toBe(LUCAS.waId);
    expect(fake.sent[0]?.body.template).toEqual({
      name: "suivi_commande",
      language: { code: "fr" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lucas" },
            { type: "text", text: "CMD-47790" },
          ],
        },
      ],
    });
    // A template does not reopen the window: only the customer's answer does.
    expect(await windowState(page)).toBe("closed");
  });

  it("reopens the window when the customer answers, and sends free text", async () => {
    const { page } = browser;
    await whatsappCustomerWrites(relais, channelId, {
      ...LUCAS,
      text: "Oui, toujours pas de remboursement de mon côté.",
      at: new Date(),
    });
    await page.locator('.rl-message[data-kind="in"]', { hasText: "toujours pas" }).waitFor({
      timeout: 15_000,
    });
    await waitFor(async () => (await windowState(page)) === "open", { message: "window open" });
    expect(await page.getByTestId("reply-window").textContent()).toMatch(
      /^Fenêtre ouverte encore 23\sh 5\d\smin$/,
    );
    const input = page.getByTestId("composer-input");
    expect(await input.isDisabled()).toBe(false);
    await input.fill("Merci Lucas, le second débit est annulé : remboursement sous 3 jours.");
    await input.press("Enter");
    const reply = page.locator('.rl-message[data-kind="out"]', { hasText: "second débit" });
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    expect(fake.sent.at(-1)?.type).toBe("text");
    expect(fake.sent.at(-1)?.body.text.body).toBe(
      "Merci Lucas, le second débit est annulé : remboursement sous 3 jours.",
    );
    expect(await input.inputValue()).toBe("");

    // Inside the window, the templates are still at hand from the composer.
    await page.getByTestId("open-templates").click();
    await page.getByTestId("template-picker").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("template-picker").waitFor({ state: "detached" });
    await page.mouse.move(1, 1);
    await capture(page, "whatsapp-open-fr");
  });

  it("shows the agent the photo of a damaged parcel a customer sent on WhatsApp", async () => {
    const { page } = browser;
    fake.addMedia("1598237412309876", SAMPLE_MEDIA.png, "image/jpeg");
    await whatsappCustomerWrites(relais, channelId, {
      ...LUCAS,
      text: "Le colis est arrivé abîmé, voici la photo.",
      imageId: "1598237412309876",
      at: new Date(),
    });
    await open(page, lucasId);
    const message = page.locator('.rl-message[data-kind="in"]', { hasText: "arrivé abîmé" });
    const photo = message.getByRole("img", { name: "image-1598237412309876" });
    await photo.waitFor({ timeout: 20_000 });
    // Served by Relais itself, and really loaded: the browser decoded the picture.
    expect(await photo.getAttribute("src")).toMatch(/^\/api\/v1\/attachments\//);
    await waitFor(
      () => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      {
        message: "photo decoded",
      },
    );
    expect(fake.fileDownloads().some((r) => r.url.includes("mid=1598237412309876"))).toBe(true);
  });

  it("shows the server's refusal with its reason and keeps the draft", async () => {
    const { page } = browser;
    // The server holds the window closed while the browser still sees it open (its clock, or a
    // message it has not received yet): the server's 422 must reach the agent.
    await relais.services.db
      .updateTable("conversations")
      .set({ last_inbound_at: new Date(Date.now() - 30 * HOUR) })
      .where("id", "=", lucasId)
      .execute();
    const sentBefore = fake.sent.length;
    const input = page.getByTestId("composer-input");
    await input.fill("Avez-vous bien reçu le remboursement ?");
    await page.getByTestId("send").click();
    const error = page.getByTestId("send-error");
    await error.waitFor();
    expect(await error.getAttribute("data-error-id")).toBe("reply_refused");
    expect(await error.textContent()).toContain("Le canal refuse cette réponse");
    expect(await page.getByTestId("send-error-message").textContent()).toBe(
      "More than 24 hours have passed since the customer's last message, so WhatsApp only " +
        "accepts an approved template now. Choose a template to reopen the conversation.",
    );
    // The draft stays; the server's word closes the window here until the customer writes again.
    expect(await input.inputValue()).toBe("Avez-vous bien reçu le remboursement ?");
    expect(await windowState(page)).toBe("closed");
    expect(await input.isDisabled()).toBe(true);
    await capture(page, "whatsapp-refused-fr");
    const messages = (await api.get(`/api/v1/conversations/${lucasId}/messages`)).body.data;
    expect(messages.some((message: { text: string }) => message.text.includes("bien reçu"))).toBe(
      false,
    );
    expect(fake.sent).toHaveLength(sentBefore);

    // The draft can still become a note, and the refusal points to the way out: a template.
    await page.locator("label", { has: page.getByTestId("mode-note") }).click();
    expect(await input.isDisabled()).toBe(false);
    expect(await input.inputValue()).toBe("Avez-vous bien reçu le remboursement ?");
    await error.getByRole("button", { name: "Choisir un modèle" }).click();
    await page.getByTestId("template-picker").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("template-picker").waitFor({ state: "detached" });
    await page.locator("label", { has: page.getByTestId("mode-reply") }).click();
    expect(await input.isDisabled()).toBe(true);
  });

  it("speaks English: the closed window, the templates in the customer's language", async () => {
    const { page } = browser;
    await whatsappCustomerWrites(relais, channelId, {
      ...PRIYA,
      text: "Hello, my order 55120 still has not arrived. Can someone check where it is?",
      at: new Date(Date.now() - 30 * HOUR),
    });
    const priyaId = await conversationOf(PRIYA.name);
    await useLocale(page, "en");
    await open(page, priyaId);
    expect(await page.getByTestId("reply-window").textContent()).toBe(
      "Outside the 24-hour window: only an approved template can be sent",
    );
    expect(await page.getByTestId("composer-input").isDisabled()).toBe(true);
    await capture(page, "whatsapp-closed-en");

    await page.getByTestId("choose-template").click();
    const picker = page.getByTestId("template-picker");
    await picker.waitFor();
    expect(await picker.locator('[data-selected="true"]').getAttribute("data-template")).toBe(
      "order_follow_up",
    );
    expect(await page.getByTestId("template-variable-1").inputValue()).toBe("Priya");
    await page.getByTestId("template-variable-2").fill("55120");
    expect(await page.getByTestId("template-preview").textContent()).toBe(
      "Hi Priya, we're following up on order 55120. Reply here and an agent will pick it up.",
    );
    await capture(page, "whatsapp-template-en");
    await page.keyboard.press("Escape");

    await open(page, lucasId);
    await waitFor(async () => (await windowState(page)) === "open", { message: "window open" });
    expect(await page.getByTestId("reply-window").textContent()).toMatch(
      /^Window open for 23 hr 5\d min$/,
    );
    await capture(page, "whatsapp-open-en");
  });
});
