import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { TEMPLATE_VARIABLES } from "../../../src/shared/rules.ts";
import en from "../../../src/web/i18n/en.json" with { type: "json" };

export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Waits for the network to calm down and transitions to end before a screenshot: every finite
 * animation or CSS transition finished (spinners, which never end, are left running).
 */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== "running" ||
            animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Waits until the page has done what it would do by itself: every image loaded or failed (so
 * its load or error handler, if any, has run), then a task and two frames (toggle events,
 * zero-delay timers). What has not happened by then was not going to happen.
 */
export async function settledScripts(page: Page) {
  await page.waitForFunction(
    () => Array.from(document.images).every((image) => image.complete),
    undefined,
    { timeout: 10_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
      ),
  );
}

/** The agent's saved language wins over the browser's: set it through the API, then reload. */
export async function useLocale(page: Page, locale: "fr" | "en") {
  await page.evaluate(async (value) => {
    window.localStorage.setItem("relais.locale", value);
    const session = await (await fetch("/api/v1/session")).json();
    await fetch(`/api/v1/users/${session.data.user.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: value }),
    });
  }, locale);
}

/**
 * A missing translation shows its key ("rules.when"); none may reach the screen. Template
 * variables ({{contact.name}}) look like keys but are the canned replies' own text.
 */
export async function assertNoRawKeys(page: Page) {
  const namespaces = Object.keys(en).join("|");
  const text = (await page.locator("body").textContent()) ?? "";
  const found = text.match(new RegExp(`\\b(${namespaces})\\.[a-z][A-Za-z_]+\\b`, "g")) ?? [];
  const variables: readonly string[] = TEMPLATE_VARIABLES;
  expect(found.filter((key) => !variables.includes(key))).toEqual([]);
}

/** No pane scrolls sideways: long names and texts wrap or truncate. */
export async function assertNoSidewaysScroll(page: Page) {
  const overflowing = await page.evaluate(() =>
    [".rl-nav", ".rl-settings", ".rl-page", ".mantine-Drawer-body", ".mantine-Modal-body"]
      .flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)])
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.className} ${element.scrollWidth}>${element.clientWidth}`),
  );
  expect(overflowing).toEqual([]);
}

/** Picks `label` in the open Mantine combobox (Select, MultiSelect, TagsInput). */
export async function pickOption(page: Page, label: string | RegExp) {
  await page
    .getByRole("option", { name: label, exact: typeof label === "string" })
    .first()
    .click();
}

/** axe-core's serious and critical violations within `selector`, each with where it is. */
export async function seriousViolations(page: Page, selector = "body"): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
    );
}
