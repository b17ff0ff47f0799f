import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * An admin reads and changes the survey settings with their preview, a customer answers the
 * survey asked after a resolution ("6" by reply, CSAT on the page), and the answer shows in
 * the conversation and in the Effort figures, in French and English.
 */
describe("surveys in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let conversationId: string;
  let surveyUrl: string;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    const api = apiClient(relais.url, seed.token);
    // Surveys are off until an admin turns them on.
    const settings = (await api.get("/api/v1/surveys/settings")).body.data;
    await api.put("/api/v1/surveys/settings", { ...settings, enabled: true });
    await customerWrites(relais, seed, "Bonjour, mon colis est arrivé abîmé.", {
      id: "camille",
      name: "Camille Durand",
    });
    conversationId = (await api.get("/api/v1/conversations")).body.data[0].id;
    await api.patch(`/api/v1/conversations/${conversationId}`, { status: "resolved" });
    const survey = await waitFor(
      async () => {
        const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body
          .data as Array<{ text: string }>;
        return messages.find((m) => m.text.includes("/s/srv_"));
      },
      { timeoutMs: 30_000 },
    );
    surveyUrl = /https?:\/\/\S+\/s\/\S+/.exec(survey.text)?.[0] ?? "";
    await customerWrites(relais, seed, "6", { id: "camille", name: "Camille Durand" });
    await waitFor(
      async () =>
        (await api.get(`/api/v1/conversations/${conversationId}`)).body.data.survey?.ces === 6,
      { timeoutMs: 30_000 },
    );
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("answers on the public page, shown in the customer's language", async () => {
    const { page } = browser;
    const path = new URL(surveyUrl).pathname;
    await page.goto(`${relais.url}${path}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await seriousViolations(page, "main")).toEqual([]);
    await capture(page, "survey-page-fr");
    await page.getByRole("radio", { name: "4" }).last().check();
    await page.getByLabel("Un commentaire ? (facultatif)").fill("Livreur très aimable");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page.getByText("Merci, votre réponse est enregistrée.").waitFor();
    await capture(page, "survey-page-thanks-fr");
  });

  it("shows settings with previews, the Effort figures and the answer, in French and English", async () => {
    const { page } = browser;
    for (const locale of ["fr", "en"] as const) {
      await switchLocale(page, locale);
      await page.goto(`${relais.url}/settings/surveys`);
      await page.getByTestId("survey-settings").waitFor();
      const preview = page.getByTestId("survey-preview-fr");
      expect(await preview.textContent()).toContain("Répondez simplement par un chiffre de 1");
      expect(await seriousViolations(page, ".rl-settings")).toEqual([]);
      await capture(page, `survey-settings-${locale}`);

      await page.goto(`${relais.url}/settings/effort`);
      await page.getByTestId("effort-section").waitFor();
      await page.getByText("Livreur très aimable").waitFor();
      expect(await page.locator('[data-figure="ces"]').textContent()).toContain("6.0 / 7");
      expect(await seriousViolations(page, ".rl-settings")).toEqual([]);
      await capture(page, `effort-${locale}`);

      await page.goto(`${relais.url}/inbox/all/${conversationId}`);
      const answer = page.getByTestId("survey-answer");
      await answer.waitFor();
      expect(await answer.textContent()).toContain("CES 6/7");
      expect(await answer.textContent()).toContain("CSAT 4/5");
      expect(await seriousViolations(page, '[data-testid="survey-answer"]')).toEqual([]);
      await capture(page, `survey-answer-${locale}`);
      // The customer panel shows the same answer beside the customer's record.
      const panel = page.getByTestId("customer-survey");
      await panel.waitFor();
      expect(await panel.textContent()).toContain("CES 6/7");
      expect(await page.getByTestId("customer-panel").textContent()).toContain(
        locale === "fr" ? "Satisfaction du client" : "Customer satisfaction",
      );
      expect(await seriousViolations(page, '[data-testid="customer-survey"]')).toEqual([]);
    }

    // The admin changes the English wording: the preview follows, and it is saved.
    await page.goto(`${relais.url}/settings/surveys`);
    await page.getByRole("tab", { name: "English" }).click();
    await page.getByLabel("Introduction").last().fill("All sorted! One question:");
    expect(await page.getByTestId("survey-preview-en").textContent()).toContain(
      "All sorted! One question:",
    );
    await page.getByRole("button", { name: "Save" }).click();
    await waitFor(
      async () =>
        (await apiClient(relais.url, seed.token).get("/api/v1/surveys/settings")).body.data
          .questions.en.intro === "All sorted! One question:",
      { timeoutMs: 10_000 },
    );
    expect(browser.problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });
});
