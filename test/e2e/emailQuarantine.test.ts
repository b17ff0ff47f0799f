import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailChannel } from "../../src/server/channels/email/config.ts";
import { parseEmail } from "../../src/server/channels/email/inbound.ts";
import { createEmailChannel } from "../../src/server/channels/email/testing/channels.ts";
import { emailFixture } from "../../src/server/channels/email/testing/fixtures.ts";
import { resolveChannel } from "../../src/server/channels/resolve.ts";
import { inboundIngester } from "../../src/server/commands/inboundIngester.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { pickOption, useLocale as switchLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

/** A nameless mail whose text tries to run a script: it must show as plain words. */
const HOSTILE = [
  "Content-Type: text/plain; charset=utf-8",
  "From: Service =?utf-8?q?Litiges?=",
  "To: {{TO}}",
  "Subject: =?utf-8?q?Colis_ab=C3=AEm=C3=A9?= <b>urgent</b>",
  "Message-ID: <hostile-1@example.fr>",
  "",
  'Bonjour, <img src=x onerror="window.__pwned=1"> mon colis est arrivé abîmé.',
  "<script>window.__pwned=2</script>",
  "",
].join("\r\n");

/** Serious or critical accessibility problems inside `selector` (this feature's screen). */
async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * An admin finds the mail Relais could not attribute in Settings → Email quarantine, reads it
 * (inert), files one under an existing contact with the picker, and discards another.
 */
describe("the email quarantine in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  async function quarantine(channel: EmailChannel, raw: Buffer) {
    const parsed = await parseEmail(channel, raw, { sender: "relay@shop.example" });
    const outcome = await inboundIngester(relais.services.db, channel.row, parsed.items);
    expect(outcome.quarantined).toBe(1);
  }

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    const { channel, address } = await createEmailChannel(relais.services, seed.account.id);
    const resolved = resolveChannel(channel, relais.services.secrets).channel as EmailChannel;
    await quarantine(
      resolved,
      emailFixture("no-sender-address", { TO: address, MESSAGE_ID: "nameless@example.fr" }),
    );
    await quarantine(resolved, Buffer.from(HOSTILE.replace("{{TO}}", address)));
    await customerWrites(relais, seed, "Bonjour, où en est ma commande ?", {
      name: "Élodie Martin",
      email: "elodie.martin@example.fr",
    });
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("shows the quarantine in French and English, readable, inert and accessible", async () => {
    const { page } = browser;
    for (const locale of ["fr", "en"] as const) {
      await switchLocale(page, locale);
      await page.goto(`${relais.url}/settings/quarantine`);
      await page.getByTestId("quarantine-list").waitFor();
      expect(await page.locator("[data-quarantine-id]").count()).toBe(2);
      const body = (await page.locator("body").textContent()) ?? "";
      expect(body).not.toContain("emailQuarantine.");
      expect(body).toContain(locale === "fr" ? "Pas d’adresse d’expéditeur" : "No sender address");
      expect(body).toContain("Service Réclamations");
      expect(await seriousViolations(page, ".rl-settings")).toEqual([]);
      await capture(page, `quarantine-${locale}`);

      // Opened from the keyboard.
      await page
        .getByRole("button", { name: locale === "fr" ? /Ouvrir « Colis/ : /Open “Colis/ })
        .focus();
      await page.keyboard.press("Enter");
      const text = page.getByTestId("quarantine-text");
      await text.waitFor();
      expect(await text.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
      expect(await text.locator("img, script").count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await seriousViolations(page, ".mantine-Drawer-content")).toEqual([]);
      await capture(page, `quarantine-drawer-${locale}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("quarantine-drawer").waitFor({ state: "hidden" });
    }
    // Only page errors count: the sign-in page's 401 for the session is expected.
    expect(browser.problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });

  it("assigns one to an existing contact, and discards the other", async () => {
    const { page } = browser;
    await switchLocale(page, "en");
    await page.goto(`${relais.url}/settings/quarantine`);
    await page.getByRole("button", { name: /Open “Remboursement en attente/ }).click();
    await page.getByTestId("quarantine-contact").fill("Élodie");
    await pickOption(page, /Élodie Martin/);
    await page.getByTestId("quarantine-assign").click();
    await page.getByTestId("quarantine-drawer").waitFor({ state: "hidden" });
    await waitFor(async () => (await page.locator("[data-quarantine-id]").count()) === 1, {
      timeoutMs: 10_000,
    });
    const conversations = (await api.get("/api/v1/conversations?limit=100")).body.data as Array<{
      subject: string | null;
      contact: { name: string | null };
    }>;
    expect(conversations.find((c) => c.subject === "Remboursement en attente")?.contact.name).toBe(
      "Élodie Martin",
    );

    await page.getByRole("button", { name: /Open “Colis/ }).click();
    await page.getByTestId("quarantine-discard").click();
    await page.getByRole("dialog", { name: "Discard this mail?" }).waitFor();
    await capture(page, "quarantine-discard-en");
    await page.getByRole("button", { name: "Discard", exact: true }).last().click();
    await page.getByTestId("quarantine-empty").waitFor();
    await capture(page, "quarantine-empty-en");
    const discarded = await api.get("/api/v1/email-quarantine?status=discarded");
    expect(discarded.body.data).toHaveLength(1);
    // Only page errors count: the sign-in page's 401 for the session is expected.
    expect(browser.problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });
});
