import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/**
 * The bell: a rule's notification arrives live with its count, stays in the list after a reload,
 * opens its conversation and is then read; "mark all read" empties the count.
 */
describe("notifications in the navigation", () => {
  let relais: WebRelais;
  let browser: Browser;
  let seed: Seed;
  let api: ReturnType<typeof apiClient>;

  /** The bell's badge, read in one go: it disappears as soon as nothing is unread. */
  const count = async () => {
    const texts = await browser.page
      .getByTestId("notification-count")
      .locator(".mantine-Indicator-indicator")
      .allTextContents();
    return texts.length === 0 ? 0 : Number(texts[0]);
  };

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    const rule = await api.post("/api/v1/rules", {
      name: "Prévenir l'équipe",
      trigger: "message.received",
      conditions: [{ type: "text_contains", any: ["remboursement"] }],
      actions: [{ type: "notify", text: "Demande de remboursement de {{contact.name}}" }],
    });
    expect(rule.status).toBe(201);
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("counts a rule's notification live, keeps it across a reload and opens its conversation", async () => {
    const { page } = browser;
    await page.getByTestId("notification-bell").waitFor();
    expect(await count()).toBe(0);
    await page.getByTestId("notification-bell").click();
    await page
      .getByTestId("notification-list")
      .getByText("Rien pour l’instant", { exact: false })
      .waitFor();
    await page.keyboard.press("Escape");

    await customerWrites(relais, seed, "Je veux un remboursement, le colis est arrivé cassé", {
      name: "Inès Moreau",
    });
    await waitFor(async () => (await count()) === 1, {
      message: "the bell counts one",
      timeoutMs: 20_000,
    });
    await customerWrites(relais, seed, "Remboursement toujours pas reçu !", { name: "Hugo Petit" });
    await waitFor(async () => (await count()) === 2, {
      message: "the bell counts two",
      timeoutMs: 20_000,
    });

    await page.reload();
    await page.getByTestId("notification-bell").waitFor();
    await waitFor(async () => (await count()) === 2, { message: "the count survives a reload" });
    await page.getByTestId("notification-bell").click();
    const list = page.getByTestId("notification-list");
    const ines = list.locator("[data-notification-id]", { hasText: "Inès Moreau" });
    await ines.waitFor();
    expect(await list.locator('[data-unread="true"]').count()).toBe(2);
    await capture(page, "notifications-fr");

    // Opening the older one reads it (and nothing newer), and shows its conversation.
    await ines.click();
    await page.waitForURL(/\/inbox\/all\/[0-9a-f-]{36}/);
    await page.getByText("Je veux un remboursement", { exact: false }).first().waitFor();
    await waitFor(async () => (await count()) === 1, { message: "one left unread" });

    await page.getByTestId("notification-bell").click();
    await page.getByTestId("notifications-read-all").click();
    await waitFor(async () => (await count()) === 0, { message: "all read" });
    const stored = (await api.get("/api/v1/notifications")).body;
    expect(stored.unread).toBe(0);
    expect(stored.data.map((n: { text: string }) => n.text)).toEqual([
      "Demande de remboursement de Hugo Petit",
      "Demande de remboursement de Inès Moreau",
    ]);
    await page.keyboard.press("Escape");
  });

  it("speaks English", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("notification-bell").click();
    const list = page.getByTestId("notification-list");
    await list.getByText("Mark all read").waitFor();
    await capture(page, "notifications-en");
    await page.keyboard.press("Escape");
    await useLocale(page, "fr");
  });
});
