import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiChannel, TEST_PASSWORD } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
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

/** Serious or critical axe violations on the page (or inside `selector`). */
async function seriousViolations(page: Page, selector = "body") {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
    );
}

/**
 * Each check looks at this work's own screens: the navigation's known findings (the language
 * button's name, the availability switch's description contrast, the toasts' close button) are
 * the whole app's, noted in #21 §9.
 */
const TOKENS = '[data-testid="api-tokens-settings"]';
const ACCOUNT = '[data-testid="account-settings"]';
const DEMO = '[data-testid="demo-settings"]';
const MODAL = ".mantine-Modal-content";

/** The screen as it is: axe finds nothing serious, no raw key, and a picture to look at. */
async function looked(page: Page, name: string, selector = "body") {
  await settle(page);
  await screenshot(page, name);
  expect(await seriousViolations(page, selector)).toEqual([]);
  await assertNoRawKeys(page);
}

/**
 * #21 §3 and §6 as an agent and an admin do them: personal API tokens (created, shown once, used,
 * revoked), the account (UTC in the time-zone list, the business name customers see), "Delete
 * demo data", "/" canned replies in the composer and an @mention in a note that the teammate
 * sees live and under the bell. French then English, axe-clean, with screenshots.
 */
describe("agent experience: tokens, account, demo data, composer suggestions", {
  timeout: 240_000,
}, () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let colleagueBrowser: Browser;
  let api: ReturnType<typeof apiClient>;
  let conversationId = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    await relais.services.db
      .updateTable("users")
      .set({ name: "Camille Roux" })
      .where("id", "=", seed.colleague.id)
      .execute();
    await relais.services.db
      .updateTable("users")
      .set({ name: "Alex Martin" })
      .where("id", "=", seed.user.id)
      .execute();
    const canned = await api.post("/api/v1/canned-replies", {
      shortcut: "remboursement",
      title: "Remboursement accordé",
      bodyFr: "Bonjour {{contact.name}}, nous vous remboursons sous 5 jours.",
      bodyEn: "Hello {{contact.name}}, we refund you within 5 days.",
    });
    expect(canned.status).toBe(201);
    await customerWrites(relais, seed, "Mon colis est arrivé cassé, je veux un remboursement", {
      name: "Inès Moreau",
    });
    conversationId = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0]?.id,
      { message: "the customer's conversation" },
    );
    browser = await openBrowser({ timezoneId: "UTC" });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await colleagueBrowser?.close();
    await relais?.stop();
  });

  it("creates a personal API token shown once, shows its last use, and revokes it", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/api-tokens`);
    await page.getByTestId("api-tokens-settings").waitFor();
    await page.getByTestId("api-token-name").fill("Intégration boutique");
    await page.getByTestId("api-token-create").click();
    const secret = (await page.getByTestId("api-token-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^rls/);
    await looked(page, "api-token-created-fr", MODAL);
    await page.getByTestId("api-token-done").click();

    // Used by an integration: the list then says when.
    const row = page.locator("[data-token-id]", { hasText: "Intégration boutique" });
    expect(await row.getByTestId("api-token-last-used").textContent()).toBe("Jamais utilisé");
    expect((await apiClient(relais.url, secret).get("/api/v1/tokens")).status).toBe(200);
    await page.reload();
    await waitFor(
      async () => (await row.getByTestId("api-token-last-used").textContent()) !== "Jamais utilisé",
      { message: "the token's last use shown" },
    );
    expect(JSON.stringify(await page.locator("body").textContent())).not.toContain(secret);
    await looked(page, "api-tokens-fr", TOKENS);

    await row.getByRole("button", { name: "Révoquer le jeton Intégration boutique" }).click();
    await page.getByTestId("confirm-dialog").getByRole("button", { name: "Révoquer" }).click();
    await row.waitFor({ state: "detached" });
    expect((await apiClient(relais.url, secret).get("/api/v1/tokens")).status).toBe(401);
  });

  it("sets the account's business name and a UTC time zone, which the list offers", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/account`);
    await page.getByTestId("account-settings").waitFor();
    await page.getByTestId("account-public-name").fill("Maison Lumière");
    await page.getByTestId("account-time-zone").click();
    await page.getByTestId("account-time-zone").fill("UTC");
    await page.getByRole("option", { name: "UTC", exact: true }).click();
    expect(await page.getByTestId("account-time-zone").inputValue()).toBe("UTC");
    await page.getByTestId("account-save").click();
    await waitFor(async () => (await api.get("/api/v1/account")).body.data.timeZone === "UTC", {
      message: "the account saved in UTC",
    });
    expect((await api.get("/api/v1/account")).body.data.publicName).toBe("Maison Lumière");
    await looked(page, "account-settings-fr", ACCOUNT);
  });

  it("deletes the demo's records and nothing else, after a confirmation", async () => {
    const { page } = browser;
    // A channel and its conversation as the demo would have left them.
    const demo = await createApiChannel(relais.services, seed.account.id);
    await relais.services.db
      .insertInto("demo_records")
      .values({ account_id: seed.account.id, table_name: "channels", record_id: demo.channel.id })
      .execute();
    await page.goto(`${relais.url}/settings/demo`);
    await page.getByTestId("demo-counts").waitFor();
    expect(await page.locator('[data-demo-count="channels"]').textContent()).toContain("1");
    await looked(page, "demo-data-fr", DEMO);
    await page.getByTestId("demo-delete").click();
    await page.getByTestId("confirm-dialog").waitFor();
    await looked(page, "demo-data-confirm-fr", MODAL);
    await page
      .getByTestId("confirm-dialog")
      .getByRole("button", { name: "Supprimer les données de démo" })
      .click();
    await page.getByTestId("demo-none").waitFor();
    const channels = (await api.get("/api/v1/channels")).body.data as Array<{ id: string }>;
    expect(channels.map((channel) => channel.id)).toEqual([seed.channel.id]);
  });

  it('inserts a canned reply from "/" with the keyboard, filled for the customer', async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    const input = page.getByTestId("composer-input");
    await input.waitFor();
    await input.click();
    await input.pressSequentially("/remb");
    const list = page.getByTestId("canned-suggestions");
    await list.getByRole("option", { name: /Remboursement accordé/ }).waitFor();
    expect(await input.getAttribute("aria-activedescendant")).toBeTruthy();
    await looked(page, "composer-canned-fr", ".rl-composer");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await input.inputValue()).includes("nous vous remboursons"), {
      message: "the canned reply inserted",
    });
    expect(await input.inputValue()).toBe(
      "Bonjour Inès Moreau, nous vous remboursons sous 5 jours.",
    );
    await list.waitFor({ state: "detached" });
    // Enter chose the reply; nothing was sent.
    const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data;
    expect(messages).toHaveLength(1);
    // Escape closes the list and leaves what was typed.
    await input.fill("");
    await input.pressSequentially("/xyz");
    await list.waitFor();
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "detached" });
    expect(await input.inputValue()).toBe("/xyz");
    await input.fill("");
  });

  it("mentions a teammate in a note: kept on the note, a live toast and the bell for them", async () => {
    colleagueBrowser = await openBrowser();
    await signIn(colleagueBrowser.page, relais.url, seed.colleague.email, TEST_PASSWORD);
    await colleagueBrowser.page.getByTestId("notification-bell").waitFor();

    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    await page.locator("label", { has: page.getByTestId("mode-note") }).click();
    const input = page.getByTestId("composer-input");
    await input.click();
    await input.pressSequentially("Vu avec @Cam");
    const list = page.getByTestId("mention-suggestions");
    await list.getByRole("option", { name: /Camille Roux/ }).waitFor();
    await looked(page, "composer-mention-fr", ".rl-composer");
    await page.keyboard.press("Tab");
    await waitFor(async () => (await input.inputValue()) === "Vu avec @Camille Roux ", {
      message: "the mention inserted",
    });
    await input.pressSequentially("peux-tu rappeler la cliente ?");
    await page.getByTestId("send").click();

    const note = await waitFor(
      async () =>
        (
          (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body.data as Array<{
            direction: string;
            metadata: { mentions?: string[] };
          }>
        ).find((message) => message.direction === "note"),
      { message: "the note stored" },
    );
    expect(note.metadata.mentions).toEqual([seed.colleague.id]);

    const colleague = colleagueBrowser.page;
    const toast = colleague.getByText("Alex Martin vous a mentionné dans la conversation", {
      exact: false,
    });
    await toast.first().waitFor({ timeout: 20_000 });
    await screenshot(colleague, "mention-toast-fr");
    await colleague.getByTestId("notification-bell").click();
    await colleague
      .getByTestId("notification-list")
      .getByText("Alex Martin vous a mentionné", { exact: false })
      .waitFor();
    await looked(colleague, "mention-bell-fr", '[data-testid="notification-list"]');
    // In English, the same notification reads in English: worded from its data, not stored text.
    await useLocale(colleague, "en");
    await colleague.reload();
    await colleague.getByTestId("notification-bell").click();
    await colleague
      .getByTestId("notification-list")
      .getByText("Alex Martin mentioned you in conversation", { exact: false })
      .waitFor();
    await looked(colleague, "mention-bell-en", '[data-testid="notification-list"]');
  });

  it("reads in English: tokens, account, demo data and the composer's list", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/settings/api-tokens`);
    await page.getByText("Personal tokens let a script", { exact: false }).waitFor();
    await page.getByTestId("api-token-name").fill("Reporting script");
    await page.getByTestId("api-token-create").click();
    await page.getByTestId("api-token-secret").waitFor();
    await looked(page, "api-token-created-en", MODAL);
    await page.getByTestId("api-token-done").click();
    await page.locator("[data-token-id]", { hasText: "Reporting script" }).waitFor();
    await looked(page, "api-tokens-en", TOKENS);
    await page.goto(`${relais.url}/settings/account`);
    await page.getByText("Business name shown to customers").waitFor();
    await looked(page, "account-settings-en", ACCOUNT);
    await page.goto(`${relais.url}/settings/demo`);
    await page.getByText("This account holds no demo data.").waitFor();
    await looked(page, "demo-data-en", DEMO);
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    const input = page.getByTestId("composer-input");
    await input.click();
    await input.pressSequentially("/");
    await page.getByTestId("canned-suggestions").getByText("Canned replies").waitFor();
    await looked(page, "composer-canned-en", ".rl-composer");
    await page.setViewportSize({ width: 390, height: 844 });
    await looked(page, "composer-canned-en-mobile", ".rl-composer");
    await page.goto(`${relais.url}/settings/api-tokens`);
    await page.locator("[data-token-id]").first().waitFor();
    await looked(page, "api-tokens-en-mobile", TOKENS);
  });
});
