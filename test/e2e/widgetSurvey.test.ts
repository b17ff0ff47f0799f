import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatChannel } from "../../src/server/routes/widget/testing.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot } from "./support/browser.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/**
 * A visitor's chat is resolved: the widget asks the survey with one button per score, the
 * visitor answers with the keyboard alone, and the answer is stored on the conversation — in
 * French and in English (two sites, so two visitors).
 */
describe("the chat widget's survey buttons", { timeout: 240_000 }, () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let host: Server;
  let port = 0;
  let channelId = "";
  const sites = {
    fr: () => `http://127.0.0.1:${port}/?locale=fr`,
    en: () => `http://localhost:${port}/?locale=en`,
  };

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    host = createServer((request, response) => {
      const locale = new URL(request.url ?? "/", "http://host").searchParams.get("locale");
      const name = locale === "en" ? "Emma Brown" : "Léa Dupont";
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Maison Lumière</title></head>
<body><main><h1>Maison Lumière</h1></main>
<script src="${relais.url}/widget.js" data-channel="${channelId}" data-locale="${locale}" data-name="${name}" async></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    port = (host.address() as AddressInfo).port;
    const { channel } = await createChatChannel(relais.services, seed.account.id, {
      allowedOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
    });
    channelId = channel.id;
    const api = apiClient(relais.url, seed.token);
    const settings = (await api.get("/api/v1/surveys/settings")).body.data;
    expect(
      (await api.put("/api/v1/surveys/settings", { ...settings, enabled: true, ask: ["ces"] }))
        .status,
    ).toBe(200);
    browser = await openBrowser({ timezoneId: "Europe/Paris" });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  for (const locale of ["fr", "en"] as const) {
    it(`asks the CES with buttons a keyboard can answer, and stores the answer (${locale})`, async () => {
      const api = apiClient(relais.url, seed.token);
      const before = new Set(
        (await api.get("/api/v1/conversations")).body.data.map((c: { id: string }) => c.id),
      );
      const visitor = await browser.context.newPage();
      await visitor.goto(sites[locale]());
      await visitor.locator(".launcher").click();
      const input = visitor.locator("textarea[name=message]");
      const text =
        locale === "fr" ? "Bonjour, ma lampe ne s'allume plus." : "Hello, my lamp stopped working.";
      await input.fill(text);
      await input.press("Enter");
      await visitor.locator(".message.in[data-id]", { hasText: text }).waitFor();

      const conversationId = await waitFor(
        async () => {
          const list = (await api.get("/api/v1/conversations")).body.data;
          return list.find((c: { id: string }) => !before.has(c.id))?.id as string | undefined;
        },
        { message: "the visitor's conversation" },
      );
      expect(
        (await api.patch(`/api/v1/conversations/${conversationId}`, { status: "resolved" })).status,
      ).toBe(200);

      const group = visitor.getByRole("group", {
        name: locale === "fr" ? "Votre note" : "Your score",
      });
      await group.waitFor({ timeout: 30_000 });
      const buttons = group.getByRole("button");
      expect(await buttons.allTextContents()).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
      const legend = visitor.locator(".choices-legend");
      expect(await legend.textContent()).toBe(
        locale === "fr"
          ? "1 = Pas du tout d'accord · 7 = Tout à fait d'accord"
          : "1 = Strongly disagree · 7 = Strongly agree",
      );
      expect(await seriousViolations(visitor)).toEqual([]);
      await screenshot(visitor, `widget-survey-${locale}`);

      // Keyboard only: from the first score, Tab five times reaches 6; Enter answers.
      await buttons.first().focus();
      for (let step = 0; step < 5; step += 1) await visitor.keyboard.press("Tab");
      const focused = await visitor.evaluate(() => {
        const host = [...document.querySelectorAll("*")].find((node) => node.shadowRoot);
        return host?.shadowRoot?.activeElement?.textContent ?? null;
      });
      expect(focused).toBe("6");
      await visitor.keyboard.press("Enter");
      await group.locator('button[aria-pressed="true"]', { hasText: "6" }).waitFor();
      expect(await group.locator("button:disabled").count()).toBe(7);

      const survey = await waitFor(
        async () => {
          const conversation = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data;
          return conversation.survey?.ces === 6 ? conversation.survey : null;
        },
        { message: "the CES stored", timeoutMs: 30_000 },
      );
      expect(survey).toMatchObject({ ces: 6, status: "answered" });
      await visitor.locator(".message.in:not(.pending)", { hasText: /^6/ }).waitFor();
      expect(await seriousViolations(visitor)).toEqual([]);
      await screenshot(visitor, `widget-survey-answered-${locale}`);
      await visitor.close();
    });
  }
});
