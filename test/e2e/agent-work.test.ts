import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { assertNoRawKeys, pickOption, settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Serious or critical accessibility problems inside `selector`. */
async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * Desktop: checked (no sideways scroll, no raw key) and saved. Phone: saved to be looked at — the
 * app's navigation does not fold at 390 px yet, so settings overflow there whatever the section.
 */
async function captureBoth(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  await settle(page);
  await assertNoRawKeys(page);
  await screenshot(page, name);
  await page.setViewportSize(DESKTOP);
  await capture(page, name);
}

interface Row {
  id: string;
  contact: { name: string };
}

/**
 * Finding the work and labelling it: the queue above the list leads to the urgent conversation;
 * the list starts with the customer who has waited longest and keeps the agent's sort; a search
 * from "Mine" finds a resolved conversation elsewhere and shows the message that matched, marked
 * (a hostile message stays text); an admin creates a label in Settings, an agent puts it on a
 * conversation from its header, the row shows it and the label filter finds it.
 */
describe("queue, search everywhere, labels and bulk actions in Chromium", {
  timeout: 240_000,
}, () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    const writes: Array<[string, string, string]> = [
      ["ines", "Inès Girard", "Bonjour, je n'ai pas reçu ma facture."],
      ["lea", "Léa Martin", "Mon écran est arrivé fissuré, que faire ?"],
      [
        "hugo",
        "Hugo <b>Bernard</b>",
        "Je veux parler à quelqu'un, <img src=x onerror=alert(1)> vite",
      ],
    ];
    for (const [id, name, text] of writes) {
      await customerWrites(relais, seed, text, { id: `cust-${id}`, name });
      await waitFor(async () => {
        const rows = (await api.get("/api/v1/conversations")).body.data as Row[];
        return rows.some((row) => row.contact.name === name) ? rows : null;
      });
    }
    const rows = (await api.get("/api/v1/conversations")).body.data as Row[];
    for (const [id, name] of writes)
      ids[id] = rows.find((row) => row.contact.name === name)?.id ?? "";
    // Léa's case was closed after another message; Hugo's is urgent.
    await customerWrites(relais, seed, "Merci, et pour la garantie ?", {
      id: "cust-lea",
      name: "Léa Martin",
    });
    await waitFor(async () => {
      const detail = (await api.get(`/api/v1/conversations/${ids.lea}`)).body.data;
      return detail.messages.length === 2 ? detail : null;
    });
    await api.patch(`/api/v1/conversations/${ids.lea}`, { status: "resolved" });
    await api.patch(`/api/v1/conversations/${ids.hugo}`, { priority: "urgent" });
    browser = await openBrowser();
    await browser.page.setViewportSize(DESKTOP);
    // A loaded machine (other suites beside this one) can take a while to answer.
    browser.page.setDefaultNavigationTimeout(90_000);
    browser.page.setDefaultTimeout(60_000);
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
    // The sign-in page's own session check answers 401 by design; what follows must be clean.
    browser.problems.length = 0;
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("shows the queue above the list; one click leads to the urgent conversation", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/inbox/mine`);
    const unassigned = page.getByTestId("queue-unassigned");
    await expect.poll(() => unassigned.textContent()).toBe("2 sans agent en attente");
    expect(await page.getByTestId("queue-urgent").textContent()).toBe("1 urgente");
    expect(await page.getByTestId("queue-oldest").textContent()).toMatch(/^Plus longue attente/);
    expect(await seriousViolations(page, ".rl-list")).toEqual([]);
    await captureBoth(page, "agent-queue-fr");

    await page.getByTestId("queue-urgent").click();
    await page.waitForURL(/\/inbox\/all\?priority=urgent/);
    const rows = page.locator(".rl-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-conversation-id")).toBe(ids.hugo);
    // A hostile name and message stay text.
    expect(await page.locator(".rl-list b, .rl-list img").count()).toBe(0);
  });

  it("starts with the longest waiting customer and remembers the agent's sort", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all`);
    const first = page.locator(".rl-row").first();
    await expect.poll(() => first.getAttribute("data-conversation-id")).toBe(ids.ines);
    await page.getByRole("button", { name: "Trier" }).click();
    await page.getByRole("menuitem", { name: "Attente la plus récente d’abord" }).click();
    await expect.poll(() => first.getAttribute("data-conversation-id")).toBe(ids.hugo);
    await page.goto(`${relais.url}/inbox/all`);
    await expect.poll(() => first.getAttribute("data-conversation-id")).toBe(ids.hugo);
    await page.getByRole("button", { name: "Trier" }).click();
    await page.getByRole("menuitem", { name: "Attente la plus longue d’abord" }).click();
    await expect.poll(() => first.getAttribute("data-conversation-id")).toBe(ids.ines);
  });

  it("searches everywhere from Mine, shows the matching message marked, and can keep the view", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/mine`);
    await page.getByTestId("search").fill("ecrans fissures");
    await page.getByTestId("search").press("Enter");
    const row = page.locator(`[data-conversation-id="${ids.lea}"]`);
    await row.waitFor();
    const match = row.getByTestId("search-match");
    expect(await match.textContent()).toBe("Mon écran est arrivé fissuré, que faire ?");
    expect(await match.locator("mark").allTextContents()).toEqual(["écran", "fissuré"]);
    expect(await seriousViolations(page, ".rl-list")).toEqual([]);
    await captureBoth(page, "agent-search-fr");

    await page.getByTestId("search-scope").getByText("Cette vue", { exact: false }).click();
    await page.getByTestId("list-empty").waitFor();
    await page.getByTestId("search-scope").getByText("Partout").click();
    await row.waitFor();

    // A hostile message found by a search is still text, its match marked around it.
    await page.getByTestId("search").fill("parler");
    await page.getByTestId("search").press("Enter");
    const hostile = page
      .locator(`[data-conversation-id="${ids.hugo}"]`)
      .getByTestId("search-match");
    await hostile.waitFor();
    expect(await hostile.textContent()).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator(".rl-list img").count()).toBe(0);
    await page.getByTestId("search").press("Escape");
  });

  it("creates a label in Settings, applies it in the header, shows and filters it", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/labels`);
    await page.getByTestId("labels-settings").waitFor();
    await page.getByTestId("label-new").click();
    await page.getByTestId("label-name").fill("Presse");
    await page.getByTestId("label-colour").click();
    await pickOption(page, "Rouge");
    expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
    await captureBoth(page, "agent-label-form-fr");
    await page.getByTestId("label-save").click();
    await page.locator('[data-label-row="Presse"]').waitFor();
    const labels = (await api.get("/api/v1/labels")).body.data;
    expect(labels).toMatchObject([{ name: "Presse", colour: "red", conversationCount: 0 }]);
    expect(await seriousViolations(page, ".rl-settings")).toEqual([]);
    await captureBoth(page, "agent-labels-settings-fr");

    await page.goto(`${relais.url}/inbox/all/${ids.ines}`);
    await page.getByTestId("labels").click();
    await pickOption(page, "Presse");
    await waitFor(async () => {
      const detail = (await api.get(`/api/v1/conversations/${ids.ines}`)).body.data;
      return detail.labels.includes("Presse") ? detail : null;
    });
    await page.keyboard.press("Escape");
    const rowLabel = page.locator(`[data-conversation-id="${ids.ines}"] [data-label="Presse"]`);
    await rowLabel.waitFor();
    await page.locator(`.rl-conv-header [data-label="Presse"]`).waitFor();
    expect(await seriousViolations(page, ".rl-conv-header")).toEqual([]);
    await captureBoth(page, "agent-labelled-fr");

    await page.goto(`${relais.url}/inbox/all?label=Presse`);
    const rows = page.locator(".rl-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-conversation-id")).toBe(ids.ines);

    // Removed from the header: gone from the conversation.
    await page.goto(`${relais.url}/inbox/all/${ids.ines}`);
    await page.getByTestId("labels").click();
    await page.keyboard.press("Backspace");
    await waitFor(async () => {
      const detail = (await api.get(`/api/v1/conversations/${ids.ines}`)).body.data;
      return detail.labels.length === 0 ? detail : null;
    });
    await api.patch(`/api/v1/conversations/${ids.ines}`, { labels: ["Presse"] });
  });

  it("says the same in English", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/inbox/all/${ids.ines}?q=${encodeURIComponent("fissuré")}`);
    await expect
      .poll(() => page.getByTestId("queue-unassigned").textContent())
      .toBe("2 unassigned waiting");
    await page.locator(`[data-conversation-id="${ids.lea}"]`).getByTestId("search-match").waitFor();
    await captureBoth(page, "agent-search-en");
    await page.goto(`${relais.url}/inbox/all/${ids.ines}`);
    await page.locator(`.rl-conv-header [data-label="Presse"]`).waitFor();
    expect(await seriousViolations(page, ".rl-list")).toEqual([]);
    await captureBoth(page, "agent-labelled-en");
    await page.goto(`${relais.url}/settings/labels`);
    await page.locator('[data-label-row="Presse"]').waitFor();
    await captureBoth(page, "agent-labels-settings-en");
    expect(browser.problems).toEqual([]);
  });

  it("selects rows with a click and Shift+click, then labels and assigns them in one go", async () => {
    const { page } = browser;
    const selectTwo = async (locale: "fr" | "en") => {
      await useLocale(page, locale);
      await page.goto(`${relais.url}/inbox/all?sort=waiting_oldest`);
      const lines = page.locator(".rl-row-line");
      await expect.poll(() => lines.count()).toBe(2);
      await lines.nth(0).getByTestId("row-check").click();
      await lines
        .nth(1)
        .getByTestId("row-check")
        .click({ modifiers: ["Shift"] });
      await expect.poll(() => page.getByTestId("bulk-count").textContent()).toMatch(/^2 /);
      expect(await seriousViolations(page, ".rl-list")).toEqual([]);
      await captureBoth(page, `agent-bulk-${locale}`);
    };
    await selectTwo("en");
    await selectTwo("fr");
    await page.getByTestId("bulk-label").click();
    await page.getByRole("menuitem", { name: "Presse" }).click();
    await page.getByTestId("bulk-bar").waitFor({ state: "detached" });
    await page.locator(".rl-row-line").nth(0).getByTestId("row-check").click();
    await page
      .locator(".rl-row-line")
      .nth(1)
      .getByTestId("row-check")
      .click({ modifiers: ["Shift"] });
    await page.getByTestId("bulk-assign").click();
    await page.getByRole("menuitem", { name: /^Moi/ }).click();
    const rows = await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations?assigneeId=me")).body.data as Array<
        Row & { labels: string[] }
      >;
      return data.length === 2 ? data : null;
    });
    expect(rows.map((row) => row.id).sort()).toEqual([ids.ines, ids.hugo].sort());
    expect(rows.every((row) => row.labels.includes("Presse"))).toBe(true);
    await expect
      .poll(() => page.getByTestId("queue-unassigned").textContent())
      .toBe("0 sans agent en attente");
    expect(browser.problems).toEqual([]);
  });
});
