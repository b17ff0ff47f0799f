import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { seedBackOffice, TRACKING } from "./support/backoffice.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { assertNoRawKeys, seriousViolations, settle, useLocale } from "./support/checks.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

/** Intl puts narrow no-break spaces in French amounts and dates; compare words, not space kinds. */
const plain = (text: string | null) => text?.replace(/\s/g, " ");

/** Checks a screen in the browser's language: axe finds nothing serious, no raw key, a picture. */
async function looked(page: Page, selector: string, name: string) {
  await settle(page);
  await screenshot(page, name);
  expect(await seriousViolations(page, selector)).toEqual([]);
  await assertNoRawKeys(page);
}

/**
 * The back office as people use it (#11 §3, §4, §6): an agent sees the orders beside the
 * conversation (named, another customer's flagged, stock and restock dates, the shipment timeline
 * with its tracking link), refunds within today's limit and offers the customer sentence to the
 * reply, goes above the limit (approval) and meets an out-of-stock replacement; a supervisor
 * approves and rejects from the inbox the navigation counts; a delay is previewed then sent; an
 * admin sets the limits. French then English, axe-clean, with screenshots.
 */
describe("the back office in the web app", () => {
  let relais: WebRelais;
  let seed: Seed;
  let agentBrowser: Browser;
  let adminBrowser: Browser;
  let conversationId: string;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    conversationId = await seedBackOffice(relais, seed);
    agentBrowser = await openBrowser();
    adminBrowser = await openBrowser();
    await signIn(agentBrowser.page, relais.url, seed.colleague.email, seed.password);
    await signIn(adminBrowser.page, relais.url, seed.user.email, seed.password);
    // The sign-in page's own session check answers 401 by design; what follows must be clean.
    agentBrowser.problems.length = 0;
    adminBrowser.problems.length = 0;
  }, 300_000);

  afterAll(async () => {
    await agentBrowser?.close();
    await adminBrowser?.close();
    await relais?.stop();
  });

  it("shows the orders beside the conversation and lets an agent act within their authority", async () => {
    const { page, problems } = agentBrowser;
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    const panel = page.getByTestId("orders-section");
    const mine = panel.locator('[data-order="48213"]');
    await mine.waitFor();
    expect(await mine.getAttribute("data-mentioned")).toBe("true");
    expect(await mine.getAttribute("data-other-customer")).toBe("false");
    const other = panel.locator('[data-order="48214"]');
    expect(await other.getAttribute("data-other-customer")).toBe("true");
    expect(plain(await other.getByTestId("order-other-customer").textContent())).toContain("Max");
    expect(await other.getByTestId("act-refund").isDisabled()).toBe(true);
    expect(
      plain(await mine.locator('[data-sku="MUG-1"] [data-testid="stock"]').textContent()),
    ).toBe("4 en stock");
    expect(plain(await mine.locator('[data-sku="TEE-2"]').textContent())).toContain(
      "En rupture · retour le 20 déc. 2026",
    );
    const link = mine.getByTestId("tracking-link");
    expect(await link.getAttribute("href")).toBe(TRACKING);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(plain(await mine.getByTestId("shipment").textContent())).toContain(
      "Livraison prévue le 9 déc. 2026",
    );
    await page.getByTestId("orders-section").scrollIntoViewIfNeeded();
    await looked(page, '[data-testid="orders-section"]', "backoffice-panel-fr");

    // A refund within the limit: done, and the sentence goes into the reply.
    await mine.getByTestId("act-refund").click();
    const modal = page.getByRole("dialog");
    await modal.getByTestId("limit-left").waitFor();
    expect(plain(await modal.getByTestId("limit-left").textContent())).toContain(
      "Il vous reste 200,00 €",
    );
    await modal.getByTestId("action-amount").fill("20");
    await modal.getByTestId("action-reason").fill("Mug arrivé cassé, photo reçue");
    expect(await modal.getByTestId("limit-over").count()).toBe(0);
    await looked(page, ".mantine-Modal-content", "backoffice-action-fr");
    await modal.getByTestId("action-confirm").click();
    const result = modal.getByTestId("action-result");
    await result.waitFor();
    expect(await result.getAttribute("data-status")).toBe("done");
    expect(plain(await modal.getByTestId("action-sentence").textContent())).toContain(
      "Nous vous avons remboursé 20,00 € pour votre commande 48213",
    );
    await looked(page, ".mantine-Modal-content", "backoffice-action-done-fr");
    await modal.getByTestId("offer-to-composer").click();
    const composer = page.getByTestId("composer-input");
    await waitFor(async () =>
      plain(await composer.inputValue())?.includes("Nous vous avons remboursé 20,00 €")
        ? true
        : null,
    );

    // Above the per-action limit: pending approval, and the customer hears it is being confirmed.
    await mine.getByTestId("act-credit").click();
    await modal.getByTestId("limit-left").waitFor();
    await modal.getByTestId("action-amount").fill("15");
    await modal.getByTestId("action-reason").fill("Deuxième retard, geste commercial");
    await modal.getByTestId("limit-over").waitFor();
    await modal.getByTestId("action-confirm").click();
    await result.waitFor();
    expect(await result.getAttribute("data-status")).toBe("pending_approval");
    expect(plain(await modal.getByTestId("action-sentence").textContent())).toContain(
      "en cours de validation",
    );
    await page.keyboard.press("Escape");

    // A replacement of what is out of stock: refused, with the restock date.
    await mine.getByTestId("act-replacement").click();
    await modal.getByRole("checkbox", { name: /Mug bleu/ }).uncheck();
    await modal.getByTestId("action-reason").fill("T-shirt arrivé déchiré");
    await modal.getByTestId("action-confirm").click();
    await result.waitFor();
    expect(await result.getAttribute("data-status")).toBe("refused");
    expect(plain(await modal.getByTestId("action-refusal").textContent())).toContain(
      "T-shirt est en rupture ; retour en stock le 20 déc. 2026",
    );
    expect(plain(await modal.getByTestId("action-sentence").textContent())).toContain(
      "son retour en stock est prévu le 20 déc. 2026",
    );
    await looked(page, ".mantine-Modal-content", "backoffice-action-refused-fr");
    await page.keyboard.press("Escape");
    await mine.getByTestId("order-action").nth(2).waitFor();

    // The order's status and the actions' entries in the timeline, worded from their data.
    expect(plain(await mine.getByTestId("order-status").textContent())).toBe("Expédiée");
    const entries = page.getByTestId("action-entry");
    await entries.nth(2).waitFor();
    expect(plain(await entries.nth(0).textContent())).toContain("Remboursement : 20,00 € · Fait");
    expect(plain(await entries.nth(0).textContent())).toContain(
      "Motif : Mug arrivé cassé, photo reçue",
    );
    expect(plain(await entries.nth(1).textContent())).toContain(
      "Avoir : 15,00 € · En attente d'accord",
    );
    const refusedEntry = page.locator('[data-testid="action-entry"][data-status="refused"]');
    expect(plain(await refusedEntry.textContent())).toContain("Remplacement : TEE-2 × 1 · Refusé");
    expect(plain(await refusedEntry.textContent())).toContain(
      "TEE-2 est en rupture de stock (0 disponible). De retour en stock le 20 déc. 2026.",
    );
    await refusedEntry.scrollIntoViewIfNeeded();
    await looked(page, '[data-testid="action-entry"]', "backoffice-entries-fr");

    expect(problems).toEqual([]);
  });

  it("shows the same panel and confirmation in English", async () => {
    const { page, problems } = agentBrowser;
    const mine = page.getByTestId("orders-section").locator('[data-order="48213"]');
    const modal = page.getByRole("dialog");
    await useLocale(page, "en");
    await page.reload();
    await mine.waitFor();
    expect(plain(await mine.locator('[data-sku="TEE-2"]').textContent())).toContain(
      "Out of stock · back on Dec 20, 2026",
    );
    await looked(page, '[data-testid="orders-section"]', "backoffice-panel-en");
    expect(plain(await mine.getByTestId("order-status").textContent())).toBe("Shipped");
    const refusedEntry = page.locator('[data-testid="action-entry"][data-status="refused"]');
    expect(plain(await refusedEntry.textContent())).toContain("Replacement: TEE-2 × 1 · Refused");
    expect(plain(await refusedEntry.textContent())).toContain(
      "TEE-2 is out of stock (0 available). Back in stock on Dec 20, 2026.",
    );
    expect(plain(await page.getByTestId("action-entry").first().textContent())).toContain(
      "Refund: €20.00 · Done",
    );
    await refusedEntry.scrollIntoViewIfNeeded();
    await looked(page, '[data-testid="action-entry"]', "backoffice-entries-en");
    await mine.getByTestId("act-refund").click();
    await modal.getByTestId("limit-left").waitFor();
    expect(plain(await modal.getByTestId("limit-left").textContent())).toContain(
      "€180.00 left today",
    );
    await looked(page, ".mantine-Modal-content", "backoffice-action-en");
    await page.keyboard.press("Escape");
    expect(problems).toEqual([]);
  });

  it("lets a supervisor approve and reject from the inbox the navigation counts", async () => {
    const { page, problems } = adminBrowser;
    const agent = apiClient(relais.url, seed.colleague.token);
    const order = (await agent.get("/api/v1/orders?q=48213")).body.data[0];
    const refused = await agent.post(`/api/v1/conversations/${conversationId}/actions`, {
      type: "credit",
      orderId: order.id,
      amount: 8,
      currency: "EUR",
      reason: "Colis <img src=x onerror=alert(1)> perdu",
      idempotencyKey: "to-reject",
    });
    expect(refused.body.data.status).toBe("pending_approval");
    await page.goto(`${relais.url}/inbox/all`);
    const count = page.getByTestId("approvals-count");
    await count.waitFor();
    expect(plain(await count.textContent())).toBe("2");
    await page.getByTestId("nav-backoffice").click();
    await page.waitForURL(/\/backoffice\/approvals$/);
    const cards = page.getByTestId("approval");
    await cards.nth(1).waitFor();
    expect(await page.getByText("Colis <img src=x onerror=alert(1)> perdu").count()).toBe(1);
    await looked(page, '[data-testid="backoffice-scene"]', "backoffice-approvals-fr");

    const hostile = cards.filter({ hasText: "perdu" });
    await hostile.getByTestId("approval-reject").click();
    await page.getByTestId("reject-reason").fill("Colis retrouvé chez le transporteur");
    await page.getByTestId("reject-confirm").click();
    const credit = cards.filter({ hasText: "Deuxième retard" });
    await credit.getByTestId("approval-approve").click();
    await waitFor(async () => ((await cards.count()) === 0 ? true : null));
    await count.waitFor({ state: "detached" });
    const approved = (await agent.get("/api/v1/approvals?status=approved")).status;
    expect(approved).toBe(403);
    const admin = apiClient(relais.url, seed.token);
    expect((await admin.get("/api/v1/approvals?status=approved")).body.data).toMatchObject([
      { type: "credit", amount: 15, status: "approved" },
    ]);
    expect((await admin.get("/api/v1/approvals?status=rejected")).body.data).toMatchObject([
      { type: "credit", amount: 8, status: "rejected" },
    ]);
    await page.getByTestId("approvals-panel").getByText("Acceptées", { exact: true }).click();
    await cards.first().waitFor();
    expect(plain(await cards.first().textContent())).toContain("Accepté");

    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("approvals-panel").getByText("Approved", { exact: true }).click();
    await cards.first().waitFor();
    await looked(page, '[data-testid="backoffice-scene"]', "backoffice-approvals-en");
    expect(problems).toEqual([]);
  });

  it("previews a delay, who will be told and the message in each language, then sends it once", async () => {
    const { page, problems } = adminBrowser;
    await useLocale(page, "fr");
    await page.goto(`${relais.url}/backoffice/delays`);
    await page.getByTestId("delay-sku").fill("MUG-1");
    await page.getByTestId("delay-date").fill("2026-12-24");
    await page.getByTestId("delay-reason").fill("une rupture chez le fournisseur");
    await page.getByTestId("delay-preview-button").click();
    const preview = page.getByTestId("delay-preview");
    await preview.waitFor();
    expect(plain(await page.getByTestId("delay-preview-counts").textContent())).toBe(
      "2 commandes non livrées concernées · 1 client sera prévenu",
    );
    expect(plain(await page.getByTestId("delay-recipient").textContent())).toContain("Zoé Lambert");
    expect(plain(await page.getByTestId("delay-skipped").textContent())).toContain(
      "Commande 48214 — aucun canal ne permet de joindre ce client",
    );
    expect(plain(await page.getByTestId("delay-message-fr").textContent())).toContain(
      "votre commande 48213 aura du retard",
    );
    expect(plain(await page.getByTestId("delay-message-en").textContent())).toContain(
      "your order 48213 will be late",
    );
    const api = apiClient(relais.url, seed.token);
    const outbound = async () =>
      (await api.get(`/api/v1/conversations/${conversationId}`)).body.data.messages.filter(
        (message: { direction: string; text: string }) =>
          message.direction === "out" && message.text.includes("aura du retard"),
      );
    expect(await outbound()).toHaveLength(0);
    await looked(page, '[data-testid="backoffice-scene"]', "backoffice-delay-fr");

    await page.getByTestId("delay-send").click();
    await page.getByTestId("delay-result").waitFor();
    expect(plain(await page.getByTestId("delay-result-counts").textContent())).toBe(
      "2 commandes non livrées concernées · 1 client prévenu",
    );
    expect(await outbound()).toHaveLength(1);
    await looked(page, '[data-testid="backoffice-scene"]', "backoffice-delay-sent-fr");

    await useLocale(page, "en");
    await page.reload();
    await page.getByTestId("delay-carrier").fill("Colissimo");
    await page.getByTestId("delay-date").fill("2027-01-05");
    await page.getByTestId("delay-reason").fill("a carrier strike");
    await page.getByTestId("delay-preview-button").click();
    await page.getByTestId("delay-preview").waitFor();
    expect(plain(await page.getByTestId("delay-preview-counts").textContent())).toBe(
      "1 undelivered order affected · 1 customer will be told",
    );
    await looked(page, '[data-testid="backoffice-scene"]', "backoffice-delay-en");
    expect(problems).toEqual([]);
  });

  it("lets an admin set the authority limits", async () => {
    const { page, problems } = adminBrowser;
    await useLocale(page, "en");
    await page.goto(`${relais.url}/settings/authority`);
    const cell = page.getByTestId("limit-agent-refund-perAction");
    await cell.waitFor();
    expect(await cell.inputValue()).toBe("50");
    await cell.fill("80");
    await page.getByTestId("limit-supervisor-credit-perDay").fill("");
    await looked(page, '[data-testid="authority-limits"]', "backoffice-limits-en");
    await page.getByTestId("limits-save").click();
    const api = apiClient(relais.url, seed.token);
    const limits = await waitFor(async () => {
      const body = (await api.get("/api/v1/authority-limits")).body.data;
      return body.agent.refund.perAction === 80 ? body : null;
    });
    expect(limits.supervisor.credit).toEqual({ perAction: 300, perDay: null });
    await useLocale(page, "fr");
    await page.reload();
    await cell.waitFor();
    expect(await cell.inputValue()).toBe("80");
    await looked(page, '[data-testid="authority-limits"]', "backoffice-limits-fr");

    // Arrival times: what the sentence offered after an action promises.
    const refundMax = page.getByTestId("arrival-refund-max");
    expect(await refundMax.inputValue()).toBe("10");
    await page.getByTestId("arrival-refund-min").fill("2");
    await refundMax.fill("4");
    await page.getByTestId("arrival-replacement").fill("1");
    await page.getByTestId("arrival-estimates").scrollIntoViewIfNeeded();
    await looked(page, '[data-testid="arrival-estimates"]', "backoffice-arrival-fr");
    await page.getByTestId("arrival-save").click();
    await waitFor(async () => {
      const body = (await api.get("/api/v1/arrival-estimates")).body.data;
      return body.refund.maxDays === 4 ? body : null;
    });
    expect((await api.get("/api/v1/arrival-estimates")).body.data).toEqual({
      refund: { minDays: 2, maxDays: 4 },
      replacement: { days: 1 },
    });
    await useLocale(page, "en");
    await page.reload();
    await refundMax.waitFor();
    expect(await refundMax.inputValue()).toBe("4");
    await page.getByTestId("arrival-estimates").scrollIntoViewIfNeeded();
    await looked(page, '[data-testid="arrival-estimates"]', "backoffice-arrival-en");
    expect(problems).toEqual([]);
  });
});
