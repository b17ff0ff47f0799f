import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/factories.ts";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient } from "../support/http.ts";
import { startTestRelais } from "../support/relais.ts";
import { waitFor } from "../support/wait.ts";
import { WEB_ROOT } from "./globalSetup.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { assertNoRawKeys, settle, useLocale } from "./support/checks.ts";
import { customerWrites, type Seed, seedAccount, type WebRelais } from "./support/relais.ts";

/** Serious or critical axe violations inside `selector`. */
async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
    );
}

/** The screen as it is: a picture to look at, nothing serious for axe, no raw key. */
async function looked(page: Page, name: string, selector: string) {
  await settle(page);
  await screenshot(page, name);
  expect(await seriousViolations(page, selector)).toEqual([]);
  await assertNoRawKeys(page);
}

const CONVERSATION = '[data-testid="conversation"]';
const DIALOG = ".mantine-Modal-content";
const BELL = '[data-testid="notification-list"]';
const SETTINGS = '[data-testid="notification-settings"]';
const CHANNELS = '[data-testid="channels-settings"]';

/**
 * #21 §4–§6 as agents live them: a reply being retried says so, live, with the provider's
 * answer; resolving with the customer left hanging asks first; a notification reads in each
 * reader's language (worded from its data) and each agent chooses what rings; the channels show
 * their health and webhook URLs on the address browsed. French and English, axe-clean, 1440×900.
 */
describe("delivery retries, resolve confirmation, notifications, channel health", {
  timeout: 240_000,
}, () => {
  let relais: WebRelais;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  let seed: Seed;
  let admin: Browser;
  let colleague: Browser;
  let api: ReturnType<typeof apiClient>;
  let conversation: { id: string; number: number };

  beforeAll(async () => {
    // Attempts ten minutes apart: the reply stays "retrying" while it is looked at.
    relais = await startTestRelais(
      { RELAIS_RETRY_BASE_MS: "600000", RELAIS_RETRY_MAX_MS: "600000" },
      { webRoot: WEB_ROOT },
    );
    // As a server on a fixed port without RELAIS_PUBLIC_URL (a random test port sets it to
    // localhost): webhook URLs then name the address the admin browses.
    relais.services.env.RELAIS_PUBLIC_URL = undefined;
    receiver = await startFakeServer();
    receiver.respondWith(() => ({ status: 503, body: "Service Unavailable: maintenance" }));
    seed = await seedAccount(relais, { outboundUrl: `${receiver.url}/replies` });
    api = apiClient(relais.url, seed.token);
    for (const [id, name, locale] of [
      [seed.user.id, "Alex Martin", "fr"],
      [seed.colleague.id, "Camille Roux", "en"],
    ] as const) {
      await relais.services.db
        .updateTable("users")
        .set({ name, locale })
        .where("id", "=", id)
        .execute();
    }
    await customerWrites(relais, seed, "Mon colis n'est jamais arrivé", { name: "Inès Moreau" });
    conversation = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0],
      { message: "the customer's conversation" },
    );
    admin = await openBrowser({ width: 1440, height: 900 });
    await signIn(admin.page, relais.url, seed.user.email, TEST_PASSWORD);
    colleague = await openBrowser({ width: 1440, height: 900, locale: "en-GB" });
    await signIn(colleague.page, relais.url, seed.colleague.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await admin?.close();
    await colleague?.close();
    await relais?.stop();
    await receiver?.close();
  });

  it("shows a reply being retried, live, with the provider's answer", async () => {
    const { page } = admin;
    await page.goto(`${relais.url}/inbox/all/${conversation.id}`);
    const input = page.getByTestId("composer-input");
    await input.waitFor();
    await input.fill("Nous regardons avec le transporteur.");
    await page.getByTestId("send").click();
    const status = page.getByTestId("delivery-retrying");
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toMatch(
      /^Nouvel essai \(1 sur \d+\), prochain essai dans (8|9|10)\smin/,
    );
    expect(await page.getByTestId("delivery-retry-error").textContent()).toContain(
      "Service Unavailable: maintenance",
    );
    await looked(page, "retrying-fr", CONVERSATION);
  });

  it("asks before resolving while the reply has not gone, and resolves on confirmation", async () => {
    const { page } = admin;
    await page.getByTestId("resolve").click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByText("Votre dernière réponse n’est pas encore partie.").waitFor();
    await looked(page, "resolve-confirm-fr", DIALOG);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await api.get(`/api/v1/conversations/${conversation.id}`)).body.data.status).toBe(
      "open",
    );
    await page.getByTestId("resolve").click();
    await dialog.getByRole("button", { name: "Résoudre quand même" }).click();
    await waitFor(
      async () =>
        (await api.get(`/api/v1/conversations/${conversation.id}`)).body.data.status === "resolved",
      { message: "resolved after confirming" },
    );
  });

  it("words a notification in each reader's language, and each agent mutes what they choose", async () => {
    const page = colleague.page;
    await page.getByTestId("notification-bell").waitFor();
    // Given to Camille by Alex: she reads it in English, live and under the bell.
    await api.patch(`/api/v1/conversations/${conversation.id}`, {
      assigneeId: seed.colleague.id,
    });
    const english = `Alex Martin assigned conversation #${conversation.number} to you`;
    await page.getByText(english).first().waitFor({ timeout: 20_000 });
    await page.getByTestId("notification-bell").click();
    await page.locator(BELL).getByText(english).waitFor();
    await looked(page, "notification-bell-en", BELL);
    await page.keyboard.press("Escape");

    // The same notification, read in French once she switches.
    await useLocale(page, "fr");
    await page.reload();
    await page.getByTestId("notification-bell").click();
    await page
      .locator(BELL)
      .getByText(`Alex Martin vous a attribué la conversation n° ${conversation.number}`)
      .waitFor();
    await looked(page, "notification-bell-fr", BELL);
    await page.keyboard.press("Escape");

    // Her settings, by keyboard: "assigned to me" no longer rings in the app.
    await page.goto(`${relais.url}/settings/notifications`);
    await page.locator(SETTINGS).waitFor();
    await looked(page, "notification-settings-fr", SETTINGS);
    await page.getByTestId("in-app-assigned").focus();
    await page.keyboard.press("Space");
    await page.getByTestId("email-reply_failed").focus();
    await page.keyboard.press("Space");
    await page.getByTestId("notification-settings-save").focus();
    await page.keyboard.press("Enter");
    const saved = await waitFor(
      async () => {
        const body = (
          await apiClient(relais.url, seed.colleague.token).get("/api/v1/me/notification-settings")
        ).body.data;
        const assigned = body.settings.find((s: { kind: string }) => s.kind === "assigned");
        return assigned.inApp === false ? body : null;
      },
      { message: "the settings saved" },
    );
    expect(saved.settings).toContainEqual({ kind: "reply_failed", inApp: true, email: true });
    await page.getByTestId("notification-bell").click();
    await page.locator(BELL).getByText("Rien pour l’instant", { exact: false }).waitFor();
    await page.keyboard.press("Escape");
    await useLocale(page, "en");
    await page.reload();
    await page.locator(SETTINGS).waitFor();
    await looked(page, "notification-settings-en", SETTINGS);
  });

  it("shows each channel's health and its webhook URL on the address browsed", async () => {
    const { page } = admin;
    await page.goto(`${relais.url}/settings/channels`);
    const row = page.locator(`[data-channel-id="${seed.channel.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`${relais.url}/hooks/${seed.channel.id}`);
    expect(await row.textContent()).not.toContain("localhost");
    const health = row.getByTestId("channel-health");
    expect(await health.textContent()).toMatch(/Dernier message reçu (il y a|maintenant)/);
    expect(await health.textContent()).toContain("Service Unavailable: maintenance");
    await looked(page, "channel-health-fr", CHANNELS);
  });

  it("reads in English: the retrying reply, the confirmation and the channels", async () => {
    const { page } = admin;
    await useLocale(page, "en");
    await customerWrites(relais, seed, "Still nothing?", { name: "Hugo Petit" });
    const second = await waitFor(
      async () =>
        (await api.get("/api/v1/conversations?status=open")).body.data.find(
          (row: { id: string }) => row.id !== conversation.id,
        ),
      { message: "a second conversation" },
    );
    await page.goto(`${relais.url}/inbox/all/${second.id}`);
    await page.getByTestId("composer-input").fill("We are looking into it.");
    await page.getByTestId("send").click();
    const status = page.getByTestId("delivery-retrying");
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toMatch(/^Retrying \(1 of \d+\), next try in (8|9|10)\smin/);
    await looked(page, "retrying-en", CONVERSATION);
    await page.getByTestId("resolve").click();
    await page
      .getByTestId("confirm-dialog")
      .getByText("Your last reply has not been sent yet.")
      .waitFor();
    await looked(page, "resolve-confirm-en", DIALOG);
    await page.keyboard.press("Escape");
    await page.goto(`${relais.url}/settings/channels`);
    const health = page
      .locator(`[data-channel-id="${seed.channel.id}"]`)
      .getByTestId("channel-health");
    await health.waitFor();
    expect(await health.textContent()).toMatch(/Last message received/);
    await looked(page, "channel-health-en", CHANNELS);
  });
});
