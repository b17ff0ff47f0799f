import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot } from "./support/browser.ts";
import { startWebRelais, type WebRelais } from "./support/relais.ts";

const ADMIN = {
  name: "Camille Durand",
  email: "camille@lumiere.example",
  password: "une phrase de passe sûre",
};

/** First run on an empty database, then signing in and out, and a session that runs out. */
describe("first run, sign-in and sign-out in Chromium", () => {
  let relais: WebRelais;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await openBrowser({ locale: "fr-FR" });
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("offers onboarding on an empty database, creates the account and loads the demo", async () => {
    const { page } = browser;
    await page.goto(relais.url);
    await page.waitForURL("**/setup");
    const form = page.getByTestId("onboarding");
    await form.waitFor();
    await screenshot(page, "onboarding");
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, "onboarding");
    await page.setViewportSize({ width: 1280, height: 800 });

    await form.getByLabel("Nom de l’organisation").fill("Maison Lumière");
    expect(await form.getByLabel("Nom court").inputValue()).toBe("maison-lumiere");
    await form.getByLabel("Votre nom").fill(ADMIN.name);
    await form.getByLabel("E-mail").fill(ADMIN.email);
    await form.getByLabel("Mot de passe").fill(ADMIN.password);
    expect(await form.getByLabel("Charger des données de démonstration").isChecked()).toBe(true);
    await form.getByRole("button", { name: "Créer mon compte" }).click();

    await page.waitForURL("**/inbox/all", { timeout: 60_000 });
    await page.locator(".rl-row").first().waitFor({ timeout: 30_000 });
    // Rules and triage run on the demo as it arrives: look at every status.
    await page.getByTestId("status-menu").click();
    await page.locator('[data-status-tab="all"]').click();
    await waitFor(async () => (await page.locator(".rl-row").count()) > 3, {
      timeoutMs: 20_000,
      message: "the demo conversations in the inbox",
    }).catch(async (error) => {
      await screenshot(page, "onboarding-failed");
      throw new Error(`${error}; problems: ${browser.problems.join(" | ")}`);
    });
    const account = await relais.services.db
      .selectFrom("accounts")
      .select(["slug", "locale"])
      .execute();
    expect(account).toEqual([{ slug: "maison-lumiere", locale: "fr" }]);
  });

  it("no longer offers onboarding once an account exists", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/setup`);
    await page.waitForURL((url) => !url.pathname.startsWith("/setup"));
    await page.locator(".rl-nav").waitFor();
  });

  it("signs out, refuses a wrong password, and signs in again", async () => {
    const { page } = browser;
    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await page.waitForURL("**/login**");
    await page.locator('input[name="email"]').waitFor();
    await screenshot(page, "sign-in");
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, "sign-in");
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill("not the password");
    await page.locator('button[type="submit"]').click();
    await page
      .getByRole("alert")
      .filter({ hasText: "E-mail ou mot de passe incorrect." })
      .waitFor();

    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.locator(".rl-nav").waitFor();
    expect(await page.locator(".rl-nav").textContent()).toContain(ADMIN.name);
  });

  it("handles an expired session: back to sign-in, told why, then back where the agent was", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all?status=all`);
    await page.locator(".rl-row").first().waitFor();
    await page.locator(".rl-row").first().click();
    await page.getByTestId("composer-input").fill("Un brouillon à ne pas perdre");
    const here = new URL(page.url()).pathname;

    await relais.services.db.deleteFrom("sessions").execute();
    // Any request now gets 401: the agent's next click, or a refetch the demo's live events
    // trigger first (then the app has already left this page and the clicks have nothing to do).
    await page
      .getByTestId("status-menu")
      .click({ timeout: 3_000 })
      .catch(() => {});
    await page
      .locator('[data-status-tab="pending"]')
      .click({ timeout: 3_000 })
      .catch(() => {});

    await page.getByTestId("session-expired").waitFor({ timeout: 15_000 });
    expect(page.url()).toContain("/login?next=");
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await waitFor(() => new URL(page.url()).pathname === here, {
      message: "back to the conversation",
    });
    expect(await page.getByTestId("composer-input").inputValue()).toBe(
      "Un brouillon à ne pas perdre",
    );
  });
});
