import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDemo } from "../../src/server/admin/demo/index.ts";
import en from "../../src/web/i18n/en.json" with { type: "json" };
import { apiClient } from "../support/http.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const LONG_TEXT = [
  "Bonjour, je vous écris pour la troisième fois au sujet de ma commande CMD-77120 ; ".repeat(6),
  "Voici le lien de suivi : https://tracking.example.com/parcel/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?ref=relais",
  "Référence sans espaces : ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
].join("\n\n");

/** No pane scrolls sideways: long words, links and names wrap or truncate. */
async function assertNoSidewaysScroll(page: Page) {
  const overflowing = await page.evaluate(() =>
    [".rl-nav", ".rl-list", ".rl-conversation", ".rl-customer", ".rl-timeline", ".rl-settings"]
      .flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)])
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.className} ${element.scrollWidth}>${element.clientWidth}`),
  );
  expect(overflowing).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
}

/** A missing translation shows its key ("inbox.search"); none may reach the screen. */
async function assertNoRawKeys(page: Page) {
  const namespaces = Object.keys(en).join("|");
  const text = (await page.locator("body").textContent()) ?? "";
  expect(text.match(new RegExp(`\\b(${namespaces})\\.[a-z][A-Za-z_]+\\b`, "g")) ?? []).toEqual([]);
}

/** The main screens with demo data, in French and English, at 1280×800 and 1920×1080. */
describe("the main screens, as an agent sees them", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let longId = "";
  let richId = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    const api = apiClient(relais.url, seed.token);
    // The account already has a channel and a colleague, so the API refuses to fill it (demo data
    // only goes into a new account): fill it directly, as `relais demo` does.
    const demo = await fillDemo(relais.services, {
      accountId: seed.account.id,
      adminId: seed.user.id,
      progress: () => {},
    });
    expect(demo.conversations).toBeGreaterThan(0);
    await customerWrites(relais, seed, LONG_TEXT, {
      id: "cust-long",
      name: "Marie-Amélie de La Tour d'Auvergne-Lauraguais",
      email: "marie-amelie.de-la-tour-dauvergne@un-nom-de-domaine-tres-long.example.com",
    });
    const list = (await api.get("/api/v1/conversations?limit=100")).body.data as Array<{
      id: string;
      contact: { name: string | null };
      visibility: string;
      number: number;
    }>;
    longId = list.find((item) => item.contact.name?.startsWith("Marie-Amélie"))?.id ?? "";
    richId = (list.find((item) => item.visibility === "public") ?? list[list.length - 1])?.id ?? "";
    expect(longId).not.toBe("");
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  for (const locale of ["fr", "en"] as const) {
    for (const size of SIZES) {
      it(`inbox, conversation and settings in ${locale} at ${size.width}×${size.height}`, async () => {
        const { page, problems } = browser;
        await page.setViewportSize(size);
        if (locale === "en")
          await page.evaluate(() => window.localStorage.setItem("relais.locale", "en"));
        await api(page, locale);

        await page.goto(`${relais.url}/inbox/all`);
        await page.locator(".rl-row").first().waitFor();
        await settle(page);
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        await assertNoSidewaysScroll(page);
        await assertNoRawKeys(page);
        await screenshot(page, `inbox-${locale}`);

        await page.goto(`${relais.url}/inbox/all/${richId}`);
        await page.getByTestId("customer-panel").waitFor();
        await settle(page);
        await assertNoSidewaysScroll(page);
        await assertNoRawKeys(page);
        await screenshot(page, `conversation-customer-${locale}`);

        await page.goto(`${relais.url}/inbox/all/${longId}`);
        await page.getByTestId("customer-panel").waitFor();
        await settle(page);
        await assertNoSidewaysScroll(page);
        await screenshot(page, `conversation-long-${locale}`);

        await page.keyboard.press("?");
        await page.getByTestId("shortcuts-help").waitFor();
        await screenshot(page, `shortcuts-${locale}`);
        await page.keyboard.press("Escape");

        for (const section of ["users", "teams", "channels"]) {
          await page.goto(`${relais.url}/settings/${section}`);
          await page.getByTestId(`${section}-settings`).waitFor();
          await settle(page);
          await assertNoSidewaysScroll(page);
          await assertNoRawKeys(page);
          await screenshot(page, `settings-${section}-${locale}`);
        }
        expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
      });
    }
  }

  it("creates an API channel and shows its webhook address and secret once", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("add-api-channel").click();
    await page
      .getByRole("dialog")
      .getByLabel(/Name|Nom/)
      .first()
      .fill("Partner portal");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /Create channel|Créer le canal/ })
      .click();
    const secrets = page.getByTestId("channel-secrets");
    await secrets.waitFor();
    const url = await page.getByTestId("webhook-url").textContent();
    const secret = await page.getByTestId("webhook-secret").textContent();
    expect(url).toMatch(/\/hooks\/[0-9a-f-]{36}$/);
    expect(secret?.length ?? 0).toBeGreaterThanOrEqual(16);
    await screenshot(page, "settings-channel-secret");
    await secrets.getByRole("button").last().click();
    await page.locator("[data-channel-id]", { hasText: "Partner portal" }).waitFor();
    expect(await page.locator("body").textContent()).not.toContain(secret ?? "never");
  });
});

/** The agent's saved language wins over the browser's: set it through the API before loading. */
async function api(page: Page, locale: "fr" | "en") {
  await page.evaluate(async (value) => {
    const session = await (await fetch("/api/v1/session")).json();
    await fetch(`/api/v1/users/${session.data.user.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: value }),
    });
  }, locale);
}
