import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import {
  chooseOption,
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

/**
 * A day's work in the browser: a customer writes and the message appears live, the agent
 * replies and sees it delivered, assigns, notes, resolves, searches, and switches language.
 */
describe("the inbox in Chromium", () => {
  let relais: WebRelais;
  let shop: Awaited<ReturnType<typeof startFakeServer>>;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let conversationId = "";

  const conversation = async () =>
    (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;

  beforeAll(async () => {
    shop = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
    relais = await startWebRelais();
    seed = await seedAccount(relais, { outboundUrl: `${shop.url}/replies` });
    api = apiClient(relais.url, seed.token);
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await shop?.close();
  });

  it("shows an empty inbox, then an inbound message live, without a reload", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all`);
    await page.getByTestId("list-empty").waitFor();
    await screenshot(page, "inbox-empty-fr");
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    await customerWrites(
      relais,
      seed,
      "Bonjour, ma cafetière est arrivée cassée. Commande CMD-48213.",
      {
        id: "cust-elodie",
        name: "Élodie Martin",
        email: "elodie@example.fr",
      },
    );

    const row = page.locator(".rl-row", { hasText: "Élodie Martin" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute("data-unread")).toBe("true");
    expect(await row.textContent()).toContain("cafetière");
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    conversationId = (await row.getAttribute("data-conversation-id")) ?? "";
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("opens the conversation with the customer beside it, and marks it read", async () => {
    const { page } = browser;
    await page.locator(".rl-row", { hasText: "Élodie Martin" }).click();
    await page.getByTestId("conversation-title").filter({ hasText: "Élodie Martin" }).waitFor();
    await page.getByTestId("customer-panel").getByText("elodie@example.fr").first().waitFor();
    await waitFor(async () => (await conversation()).unread === false, { message: "read" });
    await screenshot(page, "conversation-fr");
  });

  it("replies with Enter and shows the reply sent", async () => {
    const { page } = browser;
    await page.keyboard.press("r");
    const input = page.getByTestId("composer-input");
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill("Je suis désolée ! Nous vous envoyons une nouvelle cafetière aujourd'hui.");
    await input.press("Enter");

    const reply = page.locator('.rl-message[data-kind="out"]', { hasText: "nouvelle cafetière" });
    await reply.waitFor();
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe("");
    const received = shop.requests.find((request) =>
      request.json?.message?.text?.includes("nouvelle cafetière"),
    );
    expect(received?.url).toBe("/replies");
  });

  it("shows a failed delivery with its reason, and sends it again", async () => {
    const { page } = browser;
    shop.respondWith(() => ({ status: 422, body: { error: "unknown customer" } }));
    const input = page.getByTestId("composer-input");
    await input.fill("Pouvez-vous confirmer votre adresse ?");
    await input.press("Control+Enter");
    const reply = page.locator('.rl-message[data-kind="out"]', {
      hasText: "confirmer votre adresse",
    });
    const failure = reply.getByTestId("delivery-failed");
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toContain("422");

    shop.respondWith(() => ({ status: 200, body: { ok: true } }));
    await failure.getByTestId("retry").click();
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
  });

  it("adds an internal note with n, which the customer never receives", async () => {
    const { page } = browser;
    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("n");
    const input = page.getByTestId("composer-input");
    await input.fill("Client fidèle depuis 2019, geste commercial accordé.");
    await page.getByTestId("send").click();
    await page.locator('.rl-message[data-kind="note"]', { hasText: "geste commercial" }).waitFor();
    expect(shop.requests.some((request) => request.body.includes("geste commercial"))).toBe(false);
  });

  it("inserts a canned reply in the customer's language", async () => {
    const { page } = browser;
    const created = await api.post("/api/v1/canned-replies", {
      shortcut: "remplacement",
      title: "Remplacement envoyé",
      bodyFr: "Votre remplacement part aujourd'hui en Colissimo.",
      bodyEn: "Your replacement ships today.",
    });
    expect(created.status).toBe(201);
    await page.keyboard.press("r");
    await page.getByTestId("canned-replies").click();
    await page.getByRole("button", { name: /Remplacement envoyé/ }).click();
    const input = page.getByTestId("composer-input");
    await waitFor(async () => (await input.inputValue()).includes("part aujourd'hui en Colissimo"));
    await input.fill("");
  });

  it("assigns the conversation to a colleague", async () => {
    const { page } = browser;
    await chooseOption(page, "assignee", seed.colleague.name);
    await waitFor(async () => (await conversation()).assignee?.id === seed.colleague.id, {
      message: "assigned",
    });
    await page
      .locator(".rl-row", { hasText: "Élodie Martin" })
      .getByTestId("row-assignee")
      .waitFor();
  });

  it("keeps the draft when a colleague writes meanwhile, and says so", async () => {
    const { page } = browser;
    await page.keyboard.press("r");
    const input = page.getByTestId("composer-input");
    await input.fill("Brouillon en cours de rédaction");
    const colleague = apiClient(relais.url, seed.colleague.token);
    const posted = await colleague.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: "Je m'en occupe aussi.",
      kind: "note",
    });
    expect(posted.status).toBe(201);
    await page
      .getByTestId("live-notice")
      .filter({ hasText: seed.colleague.name })
      .waitFor({ timeout: 15_000 });
    await page
      .locator('.rl-message[data-kind="note"]', { hasText: "Je m'en occupe aussi." })
      .waitFor();
    expect(await input.inputValue()).toBe("Brouillon en cours de rédaction");
    await input.fill("");
  });

  it("resolves with e and leaves the open view", async () => {
    const { page } = browser;
    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("e");
    await waitFor(async () => (await conversation()).status === "resolved", {
      message: "resolved",
    });
    await page.locator(".rl-row", { hasText: "Élodie Martin" }).waitFor({ state: "detached" });
  });

  it("finds a conversation by full-text search, across statuses", async () => {
    const { page } = browser;
    await customerWrites(relais, seed, "Where is my parcel? Tracking has not moved for a week.", {
      name: "James Carter",
    });
    await page.locator(".rl-row", { hasText: "James Carter" }).waitFor({ timeout: 15_000 });
    await page.getByTestId("status-menu").click();
    await page.locator('[data-status-tab="all"]').click();
    await page.locator(".rl-row", { hasText: "Élodie Martin" }).waitFor();

    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("/");
    await page.keyboard.type("cafetière");
    await page.keyboard.press("Enter");
    await page.locator(".rl-row", { hasText: "James Carter" }).waitFor({ state: "detached" });
    expect(await page.locator(".rl-row").count()).toBe(1);
    expect(await page.locator(".rl-row").textContent()).toContain("Élodie Martin");
    expect(new URL(page.url()).searchParams.get("q")).toBe("cafetière");

    await page.getByTestId("search").fill("introuvablexyz");
    await page.getByTestId("search").press("Enter");
    await page.getByTestId("list-empty").waitFor();
    await page.getByTestId("search").press("Escape");
    await page.locator(".rl-row", { hasText: "James Carter" }).waitFor();
  });

  it("marks a public conversation as such and replies privately in one action", async () => {
    const { page } = browser;
    const list = (await api.get("/api/v1/conversations?q=parcel")).body.data;
    const publicId = list[0].id as string;
    // API-channel posts are private; make this one a public post, as on a social network.
    await relais.services.db
      .updateTable("conversations")
      .set({ visibility: "public" })
      .where("id", "=", publicId)
      .execute();
    await page.goto(`${relais.url}/inbox/all/${publicId}`);
    await page.getByTestId("conversation").getByTestId("public-badge").waitFor();
    await page
      .locator(`.rl-row[data-conversation-id="${publicId}"]`)
      .getByTestId("public-badge")
      .waitFor();

    await page.locator("label", { has: page.getByTestId("reply-private") }).click();
    await page
      .getByTestId("composer-input")
      .fill("Pouvez-vous m'envoyer votre numéro de commande en privé ?");
    await page.getByTestId("send").click();
    const reply = page.locator('.rl-message[data-kind="out"]', {
      hasText: "numéro de commande en privé",
    });
    await reply.waitFor();
    await reply.getByText("Message privé").waitFor();
    const messages = (await api.get(`/api/v1/conversations/${publicId}/messages`)).body
      .data as Array<{
      text: string;
      visibility: string;
      direction: string;
    }>;
    const sent = messages.find((message) => message.text.includes("numéro de commande en privé"));
    expect(sent).toMatchObject({ visibility: "private", direction: "out" });

    await page.getByTestId("snooze").click();
    await page.getByRole("button", { name: /Dans 1 heure/ }).click();
    await waitFor(
      async () => {
        const snoozed = (await api.get(`/api/v1/conversations/${publicId}`)).body.data;
        const inMinutes = (new Date(snoozed.snoozedUntil).getTime() - Date.now()) / 60_000;
        return snoozed.status === "snoozed" && inMinutes > 55 && inMinutes < 61;
      },
      { message: "snoozed for an hour" },
    );
  });

  it("moves through the list with j and k", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all?status=all`);
    await page.locator(".rl-row").first().waitFor();
    await page.keyboard.press("j");
    await page.locator('.rl-row[data-selected="true"]').waitFor();
    const first = await page
      .locator('.rl-row[data-selected="true"]')
      .getAttribute("data-conversation-id");
    await page.keyboard.press("j");
    await waitFor(async () => {
      const selected = await page
        .locator('.rl-row[data-selected="true"]')
        .getAttribute("data-conversation-id");
      return selected && selected !== first;
    });
    await page.keyboard.press("k");
    await waitFor(
      async () =>
        (await page
          .locator('.rl-row[data-selected="true"]')
          .getAttribute("data-conversation-id")) === first,
    );
  });

  it("switches the whole app to English, and remembers it", async () => {
    const { page } = browser;
    expect(await page.getByTestId("status-menu").textContent()).toContain("Toutes");
    await page.getByTestId("language-menu").click();
    await page.locator('[data-locale="en"]').click();
    await page.getByTestId("status-menu").filter({ hasText: "All" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator(".rl-nav").textContent()).toContain("Unassigned");
    await waitFor(async () => (await api.get("/api/v1/session")).body.data.user.locale === "en", {
      message: "locale saved",
    });
    await page.reload();
    await page.getByTestId("status-menu").filter({ hasText: "All" }).waitFor();
    await page.locator(".rl-row").first().click();
    await page.getByTestId("composer").waitFor();
    await screenshot(page, "conversation-en");
  });
});
