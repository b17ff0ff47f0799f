import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../src/web/i18n/features/sla.en.json" with { type: "json" };
import fr from "../../src/web/i18n/features/sla.fr.json" with { type: "json" };
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import {
  chooseOption,
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

const STRINGS = { fr: fr.sla, en: en.sla };

/** Serious or critical accessibility problems inside `selector` (this feature's screens). */
async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`);
}

/** No key of this feature reaches the screen untranslated ("sla.clock.dueIn"). */
async function assertNoRawSlaKeys(page: Page) {
  const text = (await page.locator("body").textContent()) ?? "";
  expect(text.match(/\bsla\.[a-z][A-Za-z_]+(\.[A-Za-z_]+)*\b/g) ?? []).toEqual([]);
}

/**
 * A team in Los Angeles serves a customer in Paris. A conversation whose first-response clock has
 * run out shows red and is what the "breached" filter finds; the agent answers it with a next
 * step, reads the very sentence the customer will get, finds the promise in "Promises" and keeps
 * it; an admin creates a policy in Settings, tries it earlier, and the preview matches it.
 */
describe("SLA clocks, next steps and promises in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let lateId = "";
  let freshId = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    const standard = await api.post("/api/v1/sla-policies", {
      name: "Standard",
      targets: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
      warnBeforeMinutes: 30,
    });
    expect(standard.status).toBe(201);
    await customerWrites(relais, seed, "Mon colis n'est toujours pas arrivé, c'est la 3e fois !", {
      id: "cust-lea",
      name: "Léa Martin",
    });
    await customerWrites(relais, seed, "Bonjour, une question sur la garantie", {
      id: "cust-hugo",
      name: "Hugo <b>Bernard</b>",
    });
    const list = await waitFor(async () => {
      const data = (await api.get("/api/v1/conversations?status=open")).body.data as Array<{
        id: string;
        contact: { name: string; id: string };
        sla: unknown;
      }>;
      return data.length === 2 && data.every((row) => row.sla) ? data : null;
    });
    lateId = list.find((row) => row.contact.name === "Léa Martin")?.id ?? "";
    freshId = list.find((row) => row.contact.name !== "Léa Martin")?.id ?? "";
    // Léa writes from Paris, in French.
    await relais.services.db
      .updateTable("contacts")
      .set({ locale: "fr", time_zone: "Europe/Paris" })
      .where("account_id", "=", seed.account.id)
      .execute();
    await breach(lateId);
    browser = await openBrowser({ timezoneId: "America/Los_Angeles" });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  /** The conversation's first-response clock ran out ten minutes ago, as the SLA sweep records it. */
  async function breach(conversationId: string) {
    const past = new Date(Date.now() - 10 * 60_000);
    await relais.services.db
      .updateTable("sla_clocks")
      .set({ due_at: past, warn_at: past, warned_at: past, breached_at: past })
      .where("account_id", "=", seed.account.id)
      .where("conversation_id", "=", conversationId)
      .where("target", "=", "firstResponse")
      .execute();
  }

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("shows the breached conversation red, the other green, and filters on breaches", async () => {
    const { page } = browser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/inbox/all`);
    const late = page.locator(`[data-conversation-id="${lateId}"] [data-testid="sla-clock"]`);
    const fresh = page.locator(`[data-conversation-id="${freshId}"] [data-testid="sla-clock"]`);
    await late.waitFor();
    expect(await late.getAttribute("data-tone")).toBe("breached");
    expect(await late.textContent()).toContain("de retard");
    expect(await fresh.getAttribute("data-tone")).toBe("ok");
    // Hostile names stay text.
    expect(await page.locator(`[data-conversation-id="${freshId}"] b`).count()).toBe(0);

    await page.getByTestId("filters").click();
    await page.locator('[data-filter="sla"]').click();
    await page.getByRole("option", { name: STRINGS.fr.filter.breached, exact: true }).click();
    await page.keyboard.press("Escape");
    await page.waitForURL(/sla=breached/);
    await page.locator(`[data-conversation-id="${freshId}"]`).waitFor({ state: "detached" });
    expect(await page.locator("[data-conversation-id]").count()).toBe(1);
    await capture(page, "sla-inbox-breached-fr");
    expect(await seriousViolations(page, "[data-conversation-id] .rl-sla-badges")).toEqual([]);

    await page.goto(`${relais.url}/inbox/all?sla=due_soon`);
    await page.getByTestId("conversation-list").waitFor();
    await page.locator(`[data-conversation-id="${lateId}"]`).waitFor({ state: "detached" });
  });

  it("previews the next step in the customer's words and zone, sends it, and lists the promise", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all/${lateId}`);
    const header = page.locator(".rl-conv-header [data-testid='sla-clock']");
    await header.waitFor();
    expect(await header.getAttribute("data-tone")).toBe("breached");

    await page.getByTestId("composer-input").fill("Toutes nos excuses pour ce retard.");
    await page.getByTestId("next-step-add").click();
    await page.getByTestId("next-step-text").fill("un technicien vous rappelle");
    await page.getByTestId("next-step-preset-tomorrowMorning").click();
    const preview = page.getByTestId("next-step-preview");
    await preview.waitFor();
    const sentence = (await preview.textContent()) ?? "";
    expect(sentence).toMatch(
      /^Prochaine étape : un technicien vous rappelle — .+ \(heure de Paris\)$/,
    );
    // The agent (Los Angeles) and the customer (Paris) each read the time on their own clock.
    expect(await page.getByTestId("next-step-times").textContent()).toContain("Los Angeles");
    expect(await page.getByTestId("next-step-customer-time").textContent()).toContain("Paris");
    await capture(page, "sla-next-step-fr");
    expect(await seriousViolations(page, "[data-testid='next-step']")).toEqual([]);
    expect(await seriousViolations(page, ".rl-conv-header .rl-sla-badges")).toEqual([]);

    await page.getByTestId("send").click();
    await page.getByTestId("next-step").waitFor({ state: "detached" });
    const promise = await waitFor(async () => {
      const rows = (await api.get(`/api/v1/conversations/${lateId}/promises`)).body.data;
      return rows[0] as { id: string; text: string; messageId: string } | undefined;
    });
    expect(promise.text).toBe("un technicien vous rappelle");
    // What the customer receives ends with the very sentence the preview showed.
    const messages = (await api.get(`/api/v1/conversations/${lateId}/messages`)).body
      .data as Array<{
      id: string;
      text: string;
    }>;
    const sent = messages.find((message) => message.id === promise.messageId);
    expect(sent?.text).toBe(`Toutes nos excuses pour ce retard.\n\n${sentence}`);
    await page.locator(".rl-conv-header [data-testid='open-promise']").waitFor();

    await page.getByTestId("nav-promises").click();
    const row = page.locator(`[data-promise-id="${promise.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("promise-text").textContent()).toBe("un technicien vous rappelle");
    expect(await row.textContent()).toContain("Léa Martin");
    await capture(page, "sla-promises-fr");
    expect(await seriousViolations(page, ".rl-page")).toEqual([]);

    await row.getByTestId("promise-reschedule").click();
    await page.getByTestId("promise-reschedule-modal").waitFor();
    await capture(page, "sla-promise-reschedule-fr");
    expect(await seriousViolations(page, ".mantine-Modal-content")).toEqual([]);
    await page.keyboard.press("Escape");

    await row.getByTestId("promise-keep").click();
    await row.waitFor({ state: "detached" });
    const kept = (await api.get("/api/v1/promises?status=kept")).body.data;
    expect(kept.map((item: { id: string }) => item.id)).toEqual([promise.id]);
  });

  it("creates a policy in Settings, tries it first, and the preview matches it", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/sla`);
    await page.getByTestId("sla-settings").waitFor();
    await page.getByTestId("sla-policy-new").click();
    await page.getByTestId("sla-policy-name").fill("Urgences WhatsApp");
    await page.getByTestId("sla-policy-channels").click();
    await page.getByRole("option", { name: "WhatsApp", exact: true }).click();
    await page.keyboard.press("Escape");
    await page.getByTestId("sla-policy-priorities").click();
    await page.getByRole("option", { name: "Urgente", exact: true }).click();
    await page.keyboard.press("Escape");
    await page.getByTestId("sla-policy-firstResponseMinutes").fill("15");
    await capture(page, "sla-policy-form-fr");
    expect(await seriousViolations(page, ".mantine-Drawer-content")).toEqual([]);
    await page.getByTestId("sla-policy-save").click();
    await page.getByTestId("sla-policy-form").waitFor({ state: "detached" });

    // Created last, it comes after "Standard", which takes every conversation.
    const titles = page.getByTestId("sla-policy-title");
    await waitFor(async () => (await titles.count()) === 2);
    expect(await titles.allTextContents()).toEqual(["Standard", "Urgences WhatsApp"]);
    await chooseOption(page, "sla-preview-channel", "WhatsApp");
    await chooseOption(page, "sla-preview-priority", "Urgente");
    const result = page.getByTestId("sla-preview-result");
    await waitFor(async () => (await result.textContent())?.includes("« Standard »"));

    await page.getByRole("button", { name: "Essayer « Urgences WhatsApp » plus tôt" }).click();
    await waitFor(async () => (await result.textContent())?.includes("« Urgences WhatsApp »"));
    expect(await titles.allTextContents()).toEqual(["Urgences WhatsApp", "Standard"]);
    const stored = (await api.get("/api/v1/sla-policies")).body.data as Array<{ name: string }>;
    expect(stored.map((policy) => policy.name)).toEqual(["Urgences WhatsApp", "Standard"]);
    expect(
      await page
        .locator('[data-testid="sla-policy"][data-matched]')
        .getByTestId("sla-policy-title")
        .textContent(),
    ).toBe("Urgences WhatsApp");
    await chooseOption(page, "sla-preview-priority", "Normale");
    await waitFor(async () => (await result.textContent())?.includes("« Standard »"));
  });

  it("keeps a team's holidays", async () => {
    const { page } = browser;
    const team = await api.post("/api/v1/teams", { name: "Support Paris" });
    await page.goto(`${relais.url}/settings/sla`);
    await page.getByTestId("sla-holidays").waitFor();
    await page.getByTestId("sla-holiday-add").click();
    const row = page.getByTestId("sla-holiday").first();
    await row.getByRole("textbox", { name: STRINGS.fr.holidays.name }).fill("Noël");
    await row.getByRole("button", { name: STRINGS.fr.holidays.date }).click();
    await page.locator("[data-today]").first().click();
    await page.getByTestId("sla-holidays-save").click();
    const saved = await waitFor(async () => {
      const days = (await api.get(`/api/v1/teams/${team.body.data.id}/holidays`)).body.data;
      return days.length === 1 ? days : null;
    });
    expect(saved[0].name).toBe("Noël");
    await capture(page, "sla-settings-fr");
    expect(await seriousViolations(page, "[data-testid='sla-settings']")).toEqual([]);
    await assertNoRawSlaKeys(page);
  });

  it("shows the same screens in English", async () => {
    const { page, problems } = browser;
    await useLocale(page, "en");
    await breach(freshId);
    await page.goto(`${relais.url}/inbox/all`);
    const late = page.locator(`[data-conversation-id="${freshId}"] [data-testid="sla-clock"]`);
    await late.waitFor();
    expect(await late.textContent()).toContain("late");
    // Its screen-reader words name the target, the due time and the policy.
    expect(await late.textContent()).toContain("First response was due");
    await capture(page, "sla-inbox-en");
    await assertNoRawSlaKeys(page);

    await page.goto(`${relais.url}/inbox/all/${freshId}`);
    await page.getByTestId("next-step-add").click();
    await page.getByTestId("next-step-text").fill("we send you a replacement");
    await page.getByTestId("next-step-preset-inTwoDays").click();
    await page.getByTestId("next-step-preview").waitFor();
    await settle(page);
    await capture(page, "sla-next-step-en");
    await assertNoRawSlaKeys(page);
    await page.getByTestId("composer-input").fill("Sorry about this.");
    await page.getByTestId("send").click();
    await page.getByTestId("next-step").waitFor({ state: "detached" });
    await page.goto(`${relais.url}/inbox/all`);
    await page
      .locator(`[data-conversation-id="${freshId}"] [data-testid="open-promise"]`)
      .waitFor();
    await capture(page, "sla-inbox-promise-en");

    // Rescheduled from "Promises", the customer told.
    await page.goto(`${relais.url}/promises`);
    const [made] = (await api.get(`/api/v1/conversations/${freshId}/promises`)).body.data;
    await page.locator(`[data-promise-id="${made.id}"]`).getByTestId("promise-reschedule").click();
    await page.getByTestId("promise-reschedule-modal").waitFor();
    await capture(page, "sla-promise-reschedule-en");
    await page.getByTestId("promise-reschedule-save").click();
    await page.getByTestId("promise-reschedule-modal").waitFor({ state: "detached" });
    const moved = await waitFor(async () => {
      const [row] = (await api.get(`/api/v1/conversations/${freshId}/promises`)).body.data;
      return row.reschedules === 1 ? row : null;
    });
    expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(made.dueAt));

    await page.goto(`${relais.url}/promises`);
    await page.getByTestId("promises-status").getByText(STRINGS.en.promises.statuses.kept).click();
    await page.getByTestId("promises-table").waitFor();
    await capture(page, "sla-promises-en");
    await assertNoRawSlaKeys(page);

    await page.goto(`${relais.url}/settings/sla`);
    await page.getByTestId("sla-policy").first().waitFor();
    await capture(page, "sla-settings-en");
    await assertNoRawSlaKeys(page);
    await page.getByTestId("sla-policy-edit").first().click();
    await page.getByTestId("sla-policy-form").waitFor();
    await capture(page, "sla-policy-form-en");
    await assertNoRawSlaKeys(page);
    await page.keyboard.press("Escape");
    expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
  });
});
