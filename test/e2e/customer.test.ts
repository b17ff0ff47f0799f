import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiChannel } from "../support/factories.ts";
import { apiClient, postSignedHook } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { assertNoRawKeys, settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

/** Serious or critical axe violations inside the one-customer section. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include("[data-testid=customer-insight]")
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * One customer across channels on the contact page: the same person written twice (by email and
 * under a similar name elsewhere) is suggested with its evidence, merged in one click, shown in
 * the merge history, and the merge undone — in French and English, with axe and screenshots.
 */
describe("one customer across channels, in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let renee = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    await customerWrites(relais, seed, "Mon colis n’est toujours pas arrivé.", {
      id: "mail-renee",
      name: "Renée Dupont",
      email: "renee.dupont@example.fr",
    });
    await customerWrites(relais, seed, "@marque toujours rien, 2 semaines…", {
      id: "x-renee",
      name: "Renee Dupont",
    });
    const contacts = (await api.get("/api/v1/contacts?q=Dupont")).body.data as Array<{
      id: string;
      name: string;
    }>;
    renee = contacts.find((contact) => contact.name === "Renée Dupont")?.id ?? "";
    expect(renee).not.toBe("");
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("suggests the similar record with its evidence, merges it and undoes the merge (FR)", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/contacts/${renee}`);
    const duplicates = page.getByTestId("duplicates");
    await duplicates.waitFor();
    await expect.poll(() => duplicates.textContent()).toContain("Renee Dupont");
    expect(await page.getByTestId("customer-timeline").textContent()).toContain(
      "Mon colis n’est toujours pas arrivé.",
    );
    await settle(page);
    await assertNoRawKeys(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "customer-duplicates-fr");

    await duplicates.getByRole("button").first().click();
    const history = page.getByTestId("merge-history");
    await history.waitFor();
    await expect
      .poll(async () => (await page.getByTestId("customer-timeline").textContent()) ?? "")
      .toContain("2 semaines");
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "customer-merged-fr");

    await history.getByRole("button").first().click();
    await expect.poll(() => history.textContent()).toMatch(/annulée|annulé|undone/i);
    const merges = (await api.get(`/api/v1/contacts/${renee}/merges`)).body.data;
    expect(merges[0].undoneAt).not.toBeNull();
    // The record's history (audit log): the merge and its undo, with who did them.
    const audit = page.getByTestId("customer-audit");
    await expect.poll(() => audit.textContent()).toContain("Fusion de Renee Dupont annulée");
    expect(await audit.textContent()).toContain("Renee Dupont fusionné dans ce client");
    expect(await audit.textContent()).toContain(seed.user.name);
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await audit.scrollIntoViewIfNeeded();
    await screenshot(page, "customer-audit-fr");
  });

  it("reads in English", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/contacts/${renee}`);
    await page.getByTestId("customer-timeline").waitFor();
    await expect
      .poll(() => page.getByTestId("customer-insight").textContent())
      .toContain("One timeline, every channel");
    await expect
      .poll(() => page.getByTestId("customer-audit").textContent())
      .toContain("Undid the merge of Renee Dupont");
    await settle(page);
    await assertNoRawKeys(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "customer-insight-en");
  });

  it("shows a customer back about the same order as a repeat, linked to the first conversation", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    const app = await createApiChannel(relais.services, seed.account.id);
    await customerWrites(relais, seed, "Ma commande 48213 n’est jamais arrivée.", {
      id: "cust-repeat",
      name: "Hugo Lambert",
    });
    await postSignedHook(relais.url, app.channel.id, app.secret, {
      message: { id: "repeat-2", text: "Toujours rien pour la commande n° 48213 !" },
      contact: { id: "cust-repeat" },
    });
    const repeat = await waitFor(
      async () => {
        const list = (await api.get("/api/v1/conversations?limit=50")).body.data as Array<{
          id: string;
        }>;
        for (const { id } of list) {
          const detail = (await api.get(`/api/v1/conversations/${id}`)).body.data;
          if (detail.repeatOf) return detail;
        }
        return null;
      },
      { message: "a conversation linked as a repeat" },
    );
    await page.goto(`${relais.url}/inbox/all/${repeat.id}`);
    const badge = page.getByTestId("repeat-of");
    await badge.waitFor();
    expect(await badge.textContent()).toContain(`#${repeat.repeatOf.number}`);
    expect(await badge.textContent()).toContain("même commande");
    await settle(page);
    await assertNoRawKeys(page);
    const results = await new AxeBuilder({ page }).include("[data-testid=repeat-of]").analyze();
    expect(
      results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
    ).toEqual([]);
    // What the earlier conversation was about, beside the link.
    expect(await page.getByTestId("repeat-summary").textContent()).toBe(
      "Ma commande 48213 n’est jamais arrivée.",
    );
    const block = await new AxeBuilder({ page }).include("[data-testid=repeat-of-block]").analyze();
    expect(
      block.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
    ).toEqual([]);
    await screenshot(page, "customer-repeat-fr");
    await badge.click();
    await page.waitForURL(new RegExp(`/inbox/all/${repeat.repeatOf.id}$`));

    // Back on the repeat, in English: one click makes the two conversations one.
    await useLocale(page, "en");
    await page.goto(`${relais.url}/inbox/all/${repeat.id}`);
    await page.getByTestId("repeat-of").waitFor();
    await assertNoRawKeys(page);
    await screenshot(page, "customer-repeat-en");
    await page.getByTestId("merge-repeat").click();
    await waitFor(
      async () => {
        const detail = (await api.get(`/api/v1/conversations/${repeat.id}`)).body.data;
        return detail.messages.length === 2 && detail.repeatOf === null ? detail : null;
      },
      { message: "the earlier conversation merged into the repeat" },
    );
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("Ma commande 48213 n’est jamais arrivée.");
    expect(await page.getByTestId("repeat-of").count()).toBe(0);
    const earlier = (await api.get(`/api/v1/conversations/${repeat.repeatOf.id}`)).body.data;
    expect(earlier).toMatchObject({ status: "resolved", messages: [] });
  });

  it("sets the repeat window and action in the settings, in French and English", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/settings/effort`);
    const form = page.getByTestId("repeat-settings");
    await form.waitFor();
    await expect.poll(() => form.textContent()).toContain("Fenêtre de relance (jours)");
    await form.getByLabel("Fenêtre de relance (jours)").fill("14");
    await form.getByLabel("Rouvrir la conversation précédente").check();
    await settle(page);
    await assertNoRawKeys(page);
    const results = await new AxeBuilder({ page })
      .include("[data-testid=repeat-settings]")
      .analyze();
    expect(
      results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
    ).toEqual([]);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, "customer-repeat-settings-fr");
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await waitFor(
      async () => {
        const settings = (await api.get("/api/v1/repeats/settings")).body.data;
        return settings.repeatWindowDays === 14 && settings.repeatAction === "reopen"
          ? settings
          : null;
      },
      { message: "the repeat settings saved" },
    );

    await useLocale(page, "en");
    await page.goto(`${relais.url}/settings/effort`);
    await expect
      .poll(() => page.getByTestId("repeat-settings").textContent())
      .toContain("Repeat window (days)");
    expect(await page.getByLabel("Reopen the earlier conversation").isChecked()).toBe(true);
    await assertNoRawKeys(page);
    await page.getByTestId("repeat-settings").scrollIntoViewIfNeeded();
    await screenshot(page, "customer-repeat-settings-en");
  });
});
