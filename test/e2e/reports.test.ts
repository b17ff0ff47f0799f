import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTwcsFile } from "../../bench/twcsFile.ts";
import { twcsImporter } from "../../src/server/imports/twcs/importer.ts";
import { createUser } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

/**
 * The Reports screen on imported twcs-format traffic (three weeks of generated threads): the key
 * figures agree with the API, every chart draws and exports as CSV, in French and English, and
 * a viewer lands on the reports.
 */
describe("the Reports screen", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    const file = join(mkdtempSync(join(tmpdir(), "relais-twcs-")), "twcs.csv");
    await writeTwcsFile(file, 1500, {
      start: new Date(Date.now() - 21 * 86_400_000),
      spanDays: 20,
    });
    await twcsImporter(relais.services.db, { accountId: seed.account.id, file });
    browser = await openBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  async function seriousViolations(scope = '[data-testid="reports-scene"]') {
    const results = await new AxeBuilder({ page: browser.page }).include(scope).analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
      );
  }

  it("shows the figures of the API with charts, in French then English", async () => {
    const { page } = browser;
    await signIn(page, relais.url, seed.user.email, seed.password);
    await page.waitForURL(/\/inbox\//);
    await page.getByTestId("nav-reports").click();
    await page.waitForURL(/\/reports$/);
    const figure = page.getByTestId("figure-conversations");
    await figure.waitFor();
    await page.locator('[data-testid="chart-volume"] .recharts-surface').waitFor();
    const api = apiClient(relais.url, seed.token);
    const overview = (await api.get("/api/v1/reports/overview")).body;
    expect(overview.conversations).toBeGreaterThan(300);
    expect(await figure.textContent()).toContain(String(overview.conversations));
    expect(await page.getByTestId("figure-fr-median").textContent()).toContain("Première réponse");
    for (const chart of ["volume", "times", "backlog", "sentiment", "categories", "agents"]) {
      const card = page.getByTestId(`chart-${chart}`);
      expect(await card.locator(".recharts-surface").count(), chart).toBeGreaterThan(0);
      expect(await card.getByRole("link").getAttribute("href")).toContain(
        "/api/v1/reports/export?report=",
      );
    }
    const csv = await page.evaluate(
      async (href) => {
        const response = await fetch(href);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          status: response.status,
          bom: [...bytes.slice(0, 3)],
          text: new TextDecoder().decode(bytes),
        };
      },
      (await page.getByTestId("chart-backlog").getByRole("link").getAttribute("href")) ?? "",
    );
    expect(csv.status).toBe(200);
    expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.startsWith("day,open\r\n")).toBe(true);
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, "reports-fr");

    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("figure-conversations").waitFor();
    await page.locator('[data-testid="chart-volume"] .recharts-surface').waitFor();
    expect(await page.getByTestId("figure-fr-median").textContent()).toContain("First response");
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, "reports-en");
  });

  it("takes a viewer straight to the reports", async () => {
    const viewer = await createUser(relais.services, seed.account.id, "viewer");
    const context = await openBrowser();
    try {
      await signIn(context.page, relais.url, viewer.email, seed.password).catch(async (error) => {
        await screenshot(context.page, "reports-viewer-failed");
        throw error;
      });
      await context.page.waitForURL(/\/reports$/);
      await context.page.getByTestId("figure-conversations").waitFor();
      expect(await context.page.getByTestId("nav-contacts").count()).toBe(0);

      // The viewer keeps only some charts: saved for them, still so after a reload, and only
      // for them (the admin's API still lists every chart).
      const { page } = context;
      await page.getByTestId("chart-agents").waitFor();
      await page.getByTestId("charts-shown").click();
      await page.getByRole("checkbox", { name: "Charge par agent" }).click();
      await page.keyboard.press("Escape");
      await page.getByTestId("chart-agents").waitFor({ state: "detached" });
      await page.reload();
      await page.getByTestId("chart-volume").waitFor();
      expect(await page.getByTestId("chart-agents").count()).toBe(0);
      expect(await page.getByTestId("chart-backlog").count()).toBe(1);
      const viewerApi = apiClient(relais.url, viewer.token);
      expect((await viewerApi.get("/api/v1/reports/dashboard")).body.data.charts).not.toContain(
        "agents",
      );
      const adminApi = apiClient(relais.url, seed.token);
      expect((await adminApi.get("/api/v1/reports/dashboard")).body.data.charts).toContain(
        "agents",
      );
    } finally {
      await context.close();
    }
  });

  it("schedules a report from the settings, in French then English", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/settings/report-schedules`);
    await page.getByTestId("report-schedules").waitFor();
    await page.getByTestId("schedule-add").click();
    const drawer = page.getByRole("dialog");
    await page.getByTestId("schedule-save").waitFor();
    await drawer.getByLabel("Destinataires").fill("direction@shop.example");
    await page.keyboard.press("Enter");
    await drawer.getByLabel("Heure").fill("07:30");
    await settle(page);
    expect(await seriousViolations('[role="dialog"]')).toEqual([]);
    await screenshot(page, "report-schedule-form-fr");
    await page.getByTestId("schedule-save").click();
    await page.getByTestId("schedule-save").waitFor({ state: "detached" });
    const row = page.locator("[data-schedule-id]");
    await row.waitFor();
    expect(await row.textContent()).toContain("direction@shop.example");
    expect(await row.textContent()).toContain("à 07:30");
    const api = apiClient(relais.url, seed.token);
    const [saved] = (await api.get("/api/v1/report-schedules")).body.data;
    expect(saved).toMatchObject({
      report: "overview",
      cadence: "weekly",
      time: "07:30",
      emails: ["direction@shop.example"],
      locale: "fr",
    });
    await settle(page);
    expect(await seriousViolations('[data-testid="report-schedules"]')).toEqual([]);
    await screenshot(page, "report-schedules-fr");

    await useLocale(page, "en");
    await page.reload();
    await page.locator("[data-schedule-id]").waitFor();
    expect(await page.locator("[data-schedule-id]").textContent()).toContain("at 07:30");
    await settle(page);
    expect(await seriousViolations('[data-testid="report-schedules"]')).toEqual([]);
    await screenshot(page, "report-schedules-en");
    await page.getByRole("button", { name: /Change the scheduled report/ }).click();
    await page.getByTestId("schedule-save").waitFor();
    await settle(page);
    await screenshot(page, "report-schedule-form-en");
  });
});
