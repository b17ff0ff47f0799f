import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatChannel } from "../../src/server/routes/widget/testing.ts";
import { apiClient } from "../support/http.ts";
import { openBrowser, screenshot, signIn } from "./support/browser.ts";
import { useLocale as switchLocale } from "./support/checks.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";
import { capture } from "./support/settings.ts";

async function seriousViolations(page: Page, selector?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (selector ? builder.include(selector) : builder).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/** Payloads that each set window.__xss (or open a dialog) if they ever run. */
const XSS_CORPUS = [
  "<script>window.__xss=1</script>",
  "<img src=x onerror=window.__xss=2>",
  '<svg onload="window.__xss=3"></svg>',
  "[click me](javascript:window.__xss=4)",
  "[click me](JaVaScRiPt:window.__xss=5)",
  "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9Njwvc2NyaXB0Pg==)",
  "![pic](javascript:window.__xss=7)",
  '![pic](x" onerror="window.__xss=8)',
  '<a href="javascript:window.__xss=9">a</a>',
  '<iframe src="javascript:window.__xss=10"></iframe>',
  "<details open ontoggle=window.__xss=11>",
  "[x](vbscript:msgbox(12))",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=13>",
  "`<img src=x onerror=window.__xss=14>`",
  "<a href='&#106;avascript:window.__xss=15'>entity</a>",
  "[entity](&#106;avascript:window.__xss=16)",
].join("\n\n");

/**
 * The public help centre on a phone and a desktop, in French and English, checked with axe and
 * the keyboard; an XSS corpus rendered in Chromium and proven inert; and the articles editor.
 */
describe("the help centre in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let base = "";
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    base = `${relais.url}/help/${seed.account.slug}`;
    await createChatChannel(relais.services, seed.account.id, {
      contactEmail: "aide@maison-lumiere.example",
      contactPhone: "+33 1 84 80 00 00",
    });
    const api = apiClient(relais.url, seed.token);
    await api.patch("/api/v1/help-centre", {
      name: "Maison Lumière — aide",
      social: [{ kind: "instagram", url: "https://instagram.com/maisonlumiere" }],
    });
    const category = (
      await api.post("/api/v1/article-categories", { name: { fr: "Livraison", en: "Delivery" } })
    ).body.data;
    const write = async (key: string, body: Record<string, unknown>) => {
      const created = await api.post("/api/v1/articles", { status: "published", ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[key] = created.body.data.id;
    };
    await write("late", {
      locale: "fr",
      title: "Livraison en retard",
      categoryId: category.id,
      body: "Votre colis n'est pas arrivé à la date prévue ?\n\n## Que faire\n\n1. Vérifiez le **suivi**.\n2. Écrivez-nous : nous relançons le transporteur.",
    });
    await write("lateEn", {
      locale: "en",
      title: "Late delivery",
      categoryId: category.id,
      translationOf: ids.late,
      body: "Your parcel did not arrive on time?\n\n## What to do\n\n1. Check the **tracking**.\n2. Write to us: we chase the carrier.",
    });
    await write("xss", { locale: "fr", title: "Corpus XSS", body: XSS_CORPUS });
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
  });

  for (const [width, height] of [
    [390, 844],
    [1440, 900],
  ] as const) {
    it(`serves accessible public pages at ${width}×${height}, contact options reached by keyboard`, async () => {
      const browser = await openBrowser({ width, height });
      try {
        const { page } = browser;
        for (const locale of ["fr", "en"] as const) {
          const article = locale === "fr" ? "livraison-en-retard" : "late-delivery";
          const pages = {
            home: `${base}?lang=${locale}`,
            category: `${base}/${locale}/livraison`,
            article: `${base}/${locale}/articles/${article}`,
            search: `${base}/search?q=${locale === "fr" ? "colis" : "parcel"}&lang=${locale}`,
          };
          for (const [name, url] of Object.entries(pages)) {
            await page.goto(url);
            expect(await page.locator("html").getAttribute("lang")).toBe(locale);
            await page.locator('[data-relais-open="chat"]').waitFor();
            expect(await seriousViolations(page), `${name} ${locale}`).toEqual([]);
            await screenshot(page, `help-${name}-${locale}`);
          }
          // Keyboard only: the skip link first, then the contact options before the content.
          await page.goto(pages.article);
          await page.locator("#relais-chat").waitFor({ state: "attached" });
          await page.keyboard.press("Tab");
          expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
          let reached = "";
          for (let i = 0; i < 8 && !reached; i += 1) {
            await page.keyboard.press("Tab");
            reached = await page.evaluate(
              () => (document.activeElement as HTMLElement | null)?.dataset.relaisOpen ?? "",
            );
          }
          expect(reached).toBe("chat");
          await page.keyboard.press("Enter");
          await page.locator("#relais-chat .panel:not([hidden])").waitFor();
          await screenshot(page, `help-chat-open-${locale}`);
          // The widget remembers an open panel across pages: close it for the next round.
          await page.evaluate(() =>
            (window as unknown as { RelaisWidget?: { close(): void } }).RelaisWidget?.close(),
          );
        }
        expect(browser.problems).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 300_000);
  }

  it("keeps an XSS corpus inert on the public page and in the editor's preview", {
    timeout: 180_000,
  }, async () => {
    // Without the Content-Security-Policy, so that the sanitising alone is what is tested.
    const browser = await openBrowser({ bypassCSP: true, width: 1440, height: 900 });
    try {
      const { page } = browser;
      await page.goto(`${base}/fr/articles/corpus-xss`);
      await page.locator("article h1").waitFor();
      for (const link of await page.locator("article a").all())
        await link.click({ modifiers: ["Control"] }).catch(() => {});
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        handlers: [...document.querySelectorAll("article *")].flatMap((node) =>
          [...node.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
        ),
        scripts: document.querySelectorAll("article script, article iframe, article svg").length,
        urls: [...document.querySelectorAll("article [href], article [src]")]
          .map((node) => node.getAttribute("href") ?? node.getAttribute("src") ?? "")
          .filter((url) => /^\s*(javascript|vbscript|data):/i.test(url)),
      }));
      expect(state).toEqual({ xss: null, handlers: [], scripts: 0, urls: [] });

      await signIn(page, relais.url, seed.user.email, seed.password);
      await page.goto(`${relais.url}/settings/help-centre`);
      await page.locator('[data-article-row="Corpus XSS"] button').click();
      await page.getByTestId("article-preview").first().waitFor();
      const preview = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        handlers: [...document.querySelectorAll("[data-testid=article-preview] *")].flatMap((n) =>
          [...n.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
        ),
      }));
      expect(preview).toEqual({ xss: null, handlers: [] });
      expect(browser.problems.filter((p) => p.startsWith("dialog"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("edits, previews, translates side by side and publishes in the editor, in French and English", {
    timeout: 240_000,
  }, async () => {
    const browser = await openBrowser({ width: 1440, height: 900 });
    try {
      const { page } = browser;
      await signIn(page, relais.url, seed.user.email, seed.password);
      for (const locale of ["fr", "en"] as const) {
        await switchLocale(page, locale);
        await page.goto(`${relais.url}/settings/help-centre`);
        await page.getByTestId("articles-panel").waitFor();
        await capture(page, `help-articles-${locale}`);
        await page.locator('[data-article-row="Livraison en retard"] button').click();
        await page.getByTestId("article-original").waitFor();
        expect(await page.getByTestId("article-original").textContent()).toContain("Late delivery");
        expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
        await capture(page, `help-editor-${locale}`);
        await page.keyboard.press("Escape");
        await page.getByTestId("article-new").click();
        await page
          .getByTestId("article-title")
          .fill(locale === "fr" ? "Retours gratuits" : "Free returns");
        await page
          .getByTestId("article-body")
          .fill("## Comment faire\n\n- **Imprimez** l'étiquette");
        await page
          .locator("[data-testid=article-preview] strong", { hasText: "Imprimez" })
          .waitFor();
        await page.getByTestId("article-publish").click();
        await page
          .getByTestId("article-status")
          .filter({ hasText: /Publié|Published/ })
          .waitFor();
        await page.getByTestId("article-translate").click();
        await page.getByTestId("article-original").waitFor();
        await page.getByTestId("article-save").click();
        await page.getByTestId("article-status").waitFor();
        await page.keyboard.press("Escape");
      }
      const titles = (
        await apiClient(relais.url, seed.token).get("/api/v1/articles")
      ).body.data.map(
        (a: { title: string; status: string; locale: string }) =>
          `${a.locale}:${a.status}:${a.title}`,
      );
      expect(titles).toEqual(
        expect.arrayContaining([
          "fr:published:Retours gratuits",
          "en:draft:Retours gratuits",
          "fr:published:Free returns",
        ]),
      );
      const published = await fetch(`${base}/fr/articles/retours-gratuits`);
      expect(await published.text()).toContain("<strong>Imprimez</strong>");
    } finally {
      await browser.close();
    }
  });
});
