import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { useLocale as switchLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * A supervisor sorts customers' suggestions on the Ideas board (the proposed idea confirmed in
 * one click, another made a new idea), changes an idea's status through the "tell customers"
 * preview, and the customer hears of it; the public page shows the idea without the customer.
 */
describe("the Ideas board in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    receiver = await startFakeServer();
    receiver.respondWith(() => ({ status: 200, body: {} }));
    relais = await startWebRelais();
    seed = await seedAccount(relais, { outboundUrl: `${receiver.url}/shop` });
    api = apiClient(relais.url, seed.token);
    await api.post("/api/v1/ideas", {
      title: "Mode sombre",
      description: "Un thème sombre pour l'application mobile et le site",
      kind: "product",
      public: true,
    });
    await customerWrites(relais, seed, "Ce serait bien d'ajouter un mode sombre à l'application", {
      id: "camille",
      name: "Camille Durand",
    });
    await customerWrites(relais, seed, "It would be great to add a wishlist to the app", {
      id: "jordan",
      name: "Jordan Lee",
    });
    await customerWrites(
      relais,
      seed,
      "Faites un partenariat avec des influenceurs sur Instagram",
      {
        id: "hugo",
        name: "Hugo Martin",
      },
    );
    await waitFor(async () => (await api.get("/api/v1/ideas/unsorted")).body.data.length === 3, {
      timeoutMs: 30_000,
      message: "three suggestions triaged",
    });
    browser = await openBrowser({ width: 1440, height: 900 });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await receiver?.close();
  });

  it("sorts suggestions, tells the customer through the preview, in French then English", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/ideas`);
    await page.getByTestId("ideas-board").waitFor();
    const items = page.getByTestId("unsorted-item");
    await items.nth(2).waitFor();
    const camille = items.filter({ hasText: "Camille Durand" });
    expect(await camille.getByTestId("unsorted-proposal").textContent()).toContain("Mode sombre");
    expect(await seriousViolations(page, ".rl-page")).toEqual([]);
    await capture(page, "ideas-board-fr");

    // One click: Camille's suggestion joins "Mode sombre", one customer more.
    await camille.getByTestId("unsorted-confirm").click();
    await camille.waitFor({ state: "detached" });
    const darkCard = page.getByTestId("idea-card").filter({ hasText: "Mode sombre" });
    await darkCard.getByText("1 client").waitFor();

    // Jordan's wishlist becomes a new idea, opened at once.
    await items.filter({ hasText: "Jordan Lee" }).getByTestId("unsorted-new").click();
    const form = page.getByTestId("idea-form");
    await form.waitFor();
    await form.getByLabel("Titre").fill("Liste d'envies");
    expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
    await capture(page, "ideas-new-fr");
    await form.getByRole("button", { name: "Créer l'idée" }).click();
    const drawer = page.getByTestId("idea-drawer");
    await drawer.getByTestId("idea-conversation").filter({ hasText: "Jordan Lee" }).waitFor();

    // Shipped, with a note: the preview says who is told, where and how, before saving.
    await drawer.getByTestId("idea-status").click();
    await page.getByRole("option", { name: "Disponible", exact: true }).click();
    await drawer.getByTestId("idea-status-note").fill("Touchez le cœur sur une fiche produit.");
    await drawer.getByTestId("idea-status-save").click();
    const tell = page.getByTestId("tell-customers");
    const row = tell.getByTestId("tell-recipient");
    await row.waitFor();
    expect(await row.textContent()).toContain("Jordan Lee");
    expect(await row.textContent()).toContain("anglais");
    expect(await tell.getByTestId("tell-message-en").textContent()).toContain(
      "Touchez le cœur sur une fiche produit.",
    );
    expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
    await capture(page, "ideas-tell-fr");
    await tell.getByRole("button", { name: "Enregistrer et prévenir 1 client" }).click();
    await tell.waitFor({ state: "detached" });
    const told = await waitFor(
      () => receiver.requests.find((r) => r.url === "/shop" && r.json?.message?.text),
      { timeoutMs: 20_000, message: "Jordan told" },
    );
    expect(told.json.message.text).toMatch(/^Hello, the idea you gave us on .+ is now available/);
    expect(await drawer.textContent()).toContain("Disponible");
    await capture(page, "ideas-idea-fr");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });

    // The same screens in English; a card opens from the keyboard.
    await switchLocale(page, "en");
    await page.goto(`${relais.url}/ideas`);
    await page.getByTestId("ideas-column-shipped").getByText("Liste d'envies").waitFor();
    expect(await seriousViolations(page, ".rl-page")).toEqual([]);
    await capture(page, "ideas-board-en");
    await page.getByTestId("idea-card").filter({ hasText: "Mode sombre" }).focus();
    await page.keyboard.press("Enter");
    await drawer.getByTestId("idea-conversation").filter({ hasText: "Camille Durand" }).waitFor();
    await capture(page, "ideas-idea-en");
    await drawer.getByTestId("idea-status").click();
    await page.getByRole("option", { name: "Planned", exact: true }).click();
    await drawer.getByTestId("idea-status-save").click();
    await tell.getByTestId("tell-recipient").waitFor();
    expect(await tell.getByTestId("tell-message-fr").textContent()).toContain("elle est prévue");
    expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
    await capture(page, "ideas-tell-en");
    await tell.getByRole("button", { name: "Cancel" }).click();
    expect(browser.problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });

  it("shows the public page in French and English, on a desktop and a phone, without customers", async () => {
    const { page } = browser;
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (const lang of ["fr", "en"] as const) {
        await page.goto(`${relais.url}/ideas/${seed.account.slug}?lang=${lang}`);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text).toContain("Mode sombre");
        expect(text).not.toContain("Camille");
        expect(text).not.toContain("Liste d'envies"); // not public
        expect(await seriousViolations(page, "main")).toEqual([]);
        await capture(page, `ideas-public-${lang}`);
      }
    }
  });
});
