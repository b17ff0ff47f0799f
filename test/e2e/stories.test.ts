import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

/**
 * Stories, as a team uses them: an agent marks a conversation as a story from its header's menu
 * (by keyboard), the Stories screen shows the anonymised draft, a supervisor publishes and
 * exports it, and the Reports screen shows it as this week's story — in French, then English.
 */
describe("the Stories screen", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let conversationId: string;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    await customerWrites(
      relais,
      seed,
      "Bonjour, ma commande 48213 n'est jamais arrivée au 12 rue des Lilas, 75011 Paris. " +
        "Rappelez-moi au 06 12 34 56 78 ou à marie.dupont@exemple.fr.\n\nMarie Dupont",
      { name: "Marie Dupont", email: "marie.dupont@exemple.fr" },
    );
    const api = apiClient(relais.url, seed.token);
    conversationId = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0]?.id,
    );
    const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
      kind: "reply",
      text: "Bonjour Marie, votre commande 48213 repart aujourd'hui en express. Bonne journée !",
    });
    expect(reply.status).toBe(201);
    browser = await openBrowser({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  async function seriousViolations(page: Page, scope: string) {
    const results = await new AxeBuilder({ page }).include(scope).analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
      );
  }

  it("marks a story by keyboard, reads it anonymised, publishes and exports it, then shows it on the Reports", async () => {
    const { page } = browser;
    await signIn(page, relais.url, seed.user.email, seed.password);
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    await page.getByTestId("conversation-title").waitFor();

    // The header's menu, by keyboard: open it, choose "Marquer comme histoire", type, Enter.
    await page.getByTestId("conversation-more").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Marquer comme histoire" }).press("Enter");
    const dialog = page.getByTestId("mark-story-modal");
    await dialog.waitFor();
    await page.getByLabel("Résumé").fill("Une commande perdue, repartie le jour même.");
    await page.getByTestId("story-title").fill("Marie retrouve sa commande 48213");
    await settle(page);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, "stories-mark-fr");
    await page.getByTestId("story-title").press("Enter");
    await dialog.waitFor({ state: "detached" });

    await page.getByTestId("nav-stories").click();
    await page.waitForURL(/\/stories$/);
    await page.getByTestId("story-link").first().click();
    const reader = page.getByTestId("story-reader");
    await reader.waitFor();
    const text = (await reader.textContent()) ?? "";
    expect(text).toContain("[Client 1] retrouve sa commande [Commande 1]");
    expect(text).toContain("[Client 1] : Bonjour, ma commande [Commande 1]");
    expect(text).toContain("[Adresse 1]");
    expect(text).toContain("[Téléphone 1]");
    expect(text).toContain("[Email 1]");
    for (const secret of ["Marie", "Dupont", "48213", "Lilas", "06 12", "exemple.fr"])
      expect(text, secret).not.toContain(secret);
    expect(await page.getByTestId("story-status").textContent()).toBe("Brouillon");
    await settle(page);
    expect(await seriousViolations(page, '[data-testid="stories-scene"]')).toEqual([]);
    await screenshot(page, "stories-draft-fr");

    await page.getByTestId("story-publish").click();
    await page.waitForURL(/status=published/);
    await page.getByText("Publiée", { exact: true }).first().waitFor();
    const href = (await page.getByTestId("story-export").getAttribute("href")) ?? "";
    const file = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        type: response.headers.get("content-type"),
        disposition: response.headers.get("content-disposition"),
        text: await response.text(),
      };
    }, href);
    expect(file.type).toBe("text/markdown; charset=utf-8");
    expect(file.disposition).toContain('attachment; filename="story-client-1-retrouve');
    expect(file.text).toMatch(/^# \[Client 1\] retrouve sa commande \[Commande 1\]\n/);
    expect(file.text).toContain("**[Client 1]** : Bonjour, ma commande [Commande 1]");
    expect(file.text).not.toContain("Marie");
    await settle(page);
    await screenshot(page, "stories-published-fr");

    await page.getByTestId("nav-reports").click();
    const card = page.getByTestId("weekly-story");
    await card.waitFor();
    expect(await card.textContent()).toContain("[Client 1] retrouve sa commande [Commande 1]");
    await settle(page);
    expect(await seriousViolations(page, '[data-testid="weekly-story"]')).toEqual([]);
    await screenshot(page, "stories-reports-card-fr");
    await card.getByTestId("weekly-story-read").click();
    await page.waitForURL(/\/stories\/[0-9a-f-]+\?status=published$/);
    await page.getByTestId("story-reader").waitFor();

    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("story-reader").waitFor();
    expect(await page.getByTestId("story-status").textContent()).toBe("Published");
    expect(await page.getByTestId("story-export").textContent()).toBe("Export (Markdown)");
    await settle(page);
    expect(await seriousViolations(page, '[data-testid="stories-scene"]')).toEqual([]);
    await screenshot(page, "stories-published-en");
    await page.getByTestId("nav-reports").click();
    await page.getByTestId("weekly-story").getByText("This week's story").waitFor();
    await settle(page);
    await screenshot(page, "stories-reports-card-en");

    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    await page.getByTestId("conversation-more").click();
    await page.getByRole("menuitem", { name: "Mark as story" }).click();
    await page.getByTestId("mark-story-modal").waitFor();
    await settle(page);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, "stories-mark-en");
    await page.keyboard.press("Escape");
    await page.getByTestId("mark-story-modal").waitFor({ state: "detached" });
    await page.goto(`${relais.url}/stories`);
    await page.getByTestId("stories-empty").waitFor();
    await settle(page);
    await screenshot(page, "stories-empty-en");
    expect(browser.problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });
});
