import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

/**
 * An agent signs in to "Mine", which is empty, while customers wait for someone to take their
 * conversations: the first screen says how many wait and takes the agent there in one click.
 */
describe("the first screen shows where work waits", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    for (const name of ["Élodie Martin", "Karim Benali", "Sophie Durand"]) {
      await customerWrites(
        relais,
        seed,
        `Bonjour, c'est ${name} : ma commande n'est pas arrivée.`,
        {
          name,
        },
      );
    }
    await waitFor(
      async () => (await api.get("/api/v1/conversations/counts")).body.data?.unassigned === 3,
      { timeoutMs: 20_000, message: "three unassigned conversations" },
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  /** Serious and critical accessibility violations of the empty list's message, by rule. */
  async function seriousViolations() {
    const results = await new AxeBuilder({ page: browser.page })
      .include('[data-testid="list-empty"]')
      .analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
      );
  }

  it("lands on an empty Mine that names the unassigned conversations waiting, one click away", async () => {
    const { page } = browser;
    await signIn(page, relais.url, seed.user.email, seed.password);
    await page.waitForURL(/\/inbox\/mine$/);
    const show = page.getByTestId("show-unassigned");
    await show.waitFor();
    const empty = page.getByTestId("list-empty");
    expect(await empty.textContent()).toContain("Rien ne vous est attribué");
    expect(await empty.textContent()).toContain("3 conversations attendent");
    expect(await empty.textContent()).not.toContain("Rien en attente");
    expect(await show.textContent()).toBe("Voir les 3 non attribuées");
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, "waiting-work-fr");

    await show.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/inbox\/unassigned$/);
    await waitFor(async () => (await page.locator("[data-conversation-id]").count()) === 3, {
      timeoutMs: 10_000,
      message: "the three unassigned conversations listed",
    });
  });

  it("says the same in English", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/inbox/mine`);
    const show = page.getByTestId("show-unassigned");
    await show.waitFor();
    expect(await page.getByTestId("list-empty").textContent()).toContain(
      "3 conversations are waiting for someone to take them.",
    );
    expect(await show.textContent()).toBe("Show the 3 unassigned");
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, "waiting-work-en");
  });

  it("says nothing waits once every conversation has someone", async () => {
    const { page } = browser;
    const conversations = (await api.get("/api/v1/conversations?assigneeId=none")).body.data;
    for (const conversation of conversations) {
      await api.patch(`/api/v1/conversations/${conversation.id}`, {
        assigneeId: seed.colleague.id,
      });
    }
    await page.goto(`${relais.url}/inbox/mine`);
    const empty = page.getByTestId("list-empty");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("Nothing waiting");
    expect(await page.getByTestId("show-unassigned").count()).toBe(0);
  });
});
