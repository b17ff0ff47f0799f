import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeMentions } from "../../src/server/listening/mentionStore.ts";
import type { FoundPost } from "../../src/server/listening/search/types.ts";
import { checkSpike } from "../../src/server/listening/spikes.ts";
import { createTriager } from "../../src/server/triage/index.ts";
import { apiClient } from "../support/http.ts";
import { createSocialChannels, type SearchFakes, startSearchFakes } from "../support/listening.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

const SHOTS = "/work/notes/shots/h-listen";

function post(index: number, text: string, minutesAgo: number): FoundPost {
  const id = `19${String(index).padStart(17, "0")}`;
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const handle = ["claire", "paul", "anne"][index % 3] ?? "claire";
  return {
    externalId: id,
    text,
    language: null,
    author: {
      id: `50${index % 3}`,
      handle: `@${handle}`,
      name: handle,
      followers: 1200 * (index + 1),
    },
    likes: index * 3,
    reposts: index,
    replies: 1,
    reach: 800 * (index + 1),
    url: `https://x.com/${handle}/status/${id}`,
    postedAt: at,
    inbound: {
      externalId: id,
      threadId: id,
      text,
      visibility: "public",
      sentAt: at,
      contact: {
        identity: { kind: "twitter", value: `50${index % 3}`, handle: `@${handle}` },
        name: handle,
      },
      metadata: { url: `https://x.com/${handle}/status/${id}` },
    },
  };
}

/** The Listening screen: stream, chart, alert, Answer opening the conversation; FR and EN. */
describe("the Listening screen", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let fakes: SearchFakes;

  beforeAll(async () => {
    [relais, fakes] = await Promise.all([startWebRelais(), startSearchFakes()]);
    seed = await seedAccount(relais);
    const channels = await createSocialChannels(relais.services, seed.account.id, fakes);
    const api = apiClient(relais.url, seed.token);
    const created = await api.post("/api/v1/listening/queries", {
      name: "Relais",
      terms: ["relais"],
      channelIds: [channels.x.id],
      pollSeconds: 86_400,
      alerts: {
        negativeSpike: { windowMinutes: 60, baselineHours: 24, factor: 3, minMentions: 3 },
      },
    });
    const query = await relais.services.db
      .selectFrom("listening_queries")
      .selectAll()
      .where("account_id", "=", seed.account.id)
      .where("id", "=", created.body.data.id)
      .executeTakeFirstOrThrow();
    await storeMentions(relais.services.db, {
      query,
      network: "x",
      channelId: channels.x.id,
      triager: createTriager(),
      posts: [
        post(1, "J'adore ma Relais box, merci !", 300),
        post(2, "Mon écran Relais a fondu après trois semaines, jamais plus. Honteux !", 40),
        post(3, "Relais box est nulle, horrible service, remboursez-moi", 25),
        post(4, "My relais box screen melted after three weeks, never again. Terrible.", 10),
      ],
    });
    await checkSpike(relais.services.db, relais.services.queue, query, new Date());
    browser = await openBrowser({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await fakes?.close();
  });

  async function seriousViolations() {
    const results = await new AxeBuilder({ page: browser.page })
      .include('[data-testid="listening-scene"]')
      .analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
      );
  }

  async function shot(name: string) {
    const path = await screenshot(browser.page, name);
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, join(SHOTS, path.split("/").pop() ?? `${name}.png`));
  }

  it("shows the stream, the chart and the spike, and answers a mention, in French then English", async () => {
    const { page } = browser;
    await signIn(page, relais.url, seed.user.email, seed.password);
    await page.waitForURL(/\/inbox\//);
    await page.getByTestId("nav-listening").click();
    await page.waitForURL(/\/listening$/);
    await page.getByTestId("mention").first().waitFor();
    expect(await page.getByTestId("mention").count()).toBe(4);
    await page.locator('[data-testid="listening-chart"] .recharts-surface').waitFor();
    expect(await page.getByTestId("listening-alert").textContent()).toContain("Pic négatif");
    expect(await page.getByTestId("listening-velocity").textContent()).toContain(
      "Dernière heure : 3",
    );
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await shot("listening-fr");

    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("mention").first().waitFor();
    await page.locator('[data-testid="listening-chart"] .recharts-surface').waitFor();
    expect(await page.getByTestId("listening-alert").textContent()).toContain("Negative spike");
    await settle(page);
    expect(await seriousViolations()).toEqual([]);
    await shot("listening-en");

    // Keyboard: the first mention's Answer button opens its conversation.
    const answer = page.getByTestId("mention-answer").first();
    await answer.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/inbox\/all\/[0-9a-f-]{36}$/);
    const mentions = (await apiClient(relais.url, seed.token).get("/api/v1/mentions")).body.data;
    expect(mentions[0].conversationId).toBe(page.url().split("/").pop());
  });
});
