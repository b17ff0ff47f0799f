import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../src/web/i18n/features/acknowledgements.en.json" with { type: "json" };
import fr from "../../src/web/i18n/features/acknowledgements.fr.json" with { type: "json" };
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

const SECTION = "section[aria-labelledby='sla-acknowledgements-title']";

/** Serious or critical accessibility problems inside the acknowledgement settings. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include(SECTION).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * An admin turns on the acknowledgement of the API channel in Settings → SLA, reads the sentence
 * a customer writing now would receive (computed by the server), and the next new customer gets
 * it; the same screen in English.
 */
describe("automatic acknowledgement settings in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    const policy = await api.post("/api/v1/sla-policies", {
      name: "Standard",
      targets: { firstResponseMinutes: 45 },
    });
    expect(policy.status).toBe(201);
    browser = await openBrowser({ timezoneId: "Europe/Paris" });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("turns the acknowledgement on, shows what the customer will read, and the next customer gets it", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/sla`);
    const card = page.locator(
      `[data-testid="acknowledgement"][data-channel-id="${seed.channel.id}"]`,
    );
    await card.waitFor();
    const toggle = card.getByRole("switch", {
      name: fr.acknowledgements.toggle.replace("{{name}}", seed.channel.name),
    });
    expect(await toggle.isChecked()).toBe(false);
    const preview = card.getByTestId("acknowledgement-preview");
    expect(await preview.textContent()).toMatch(
      /^Bonjour, nous avons bien reçu votre message\. Un conseiller vous répondra d'ici le .+ à \d+ h \d\d \(heure de Paris\)\.$/,
    );
    expect(await card.getByTestId("acknowledgement-basis").textContent()).toContain("45 min");

    await toggle.click({ force: true });
    await waitFor(async () => {
      const setting = (await api.get(`/api/v1/channels/${seed.channel.id}/acknowledgement`)).body
        .data;
      return setting.enabled ? setting : null;
    });
    await waitFor(() => toggle.isChecked());
    await capture(page, "sla-acknowledgement-fr");
    expect(await seriousViolations(page)).toEqual([]);

    await customerWrites(relais, seed, "Bonjour, ma commande est arrivée abîmée", {
      id: "cust-ines",
      name: "Inès Roux",
    });
    const conversation = await waitFor(async () => {
      const [row] = (await api.get("/api/v1/conversations")).body.data;
      return row;
    });
    const sent = await waitFor(async () => {
      const messages = (await api.get(`/api/v1/conversations/${conversation.id}/messages`)).body
        .data as Array<{ direction: string; text: string }>;
      return messages.find((message) => message.direction === "out");
    });
    expect(sent.text).toMatch(/^Bonjour, nous avons bien reçu votre message\./);
  });

  it("shows the same screen in English", async () => {
    const { page, problems } = browser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/settings/sla`);
    const card = page.locator(
      `[data-testid="acknowledgement"][data-channel-id="${seed.channel.id}"]`,
    );
    await card.waitFor();
    await card.getByText(en.acknowledgements.on, { exact: true }).waitFor();
    expect(await card.getByTestId("acknowledgement-preview").textContent()).toMatch(
      /^Hello, we've received your message\. An agent will answer you by .+ \(Paris time\)\.$/,
    );
    await card.scrollIntoViewIfNeeded();
    await capture(page, "sla-acknowledgement-en");
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });
});
