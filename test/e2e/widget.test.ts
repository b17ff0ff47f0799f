import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatChannel } from "../../src/server/routes/widget/testing.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { type Seed, seedAccount, startWebRelais, type WebRelais } from "./support/relais.ts";

/**
 * A shop's page embedding the chat widget with its one <script> tag, and the agent app beside
 * it: the visitor and the agent write to each other live, the visitor sees the agent typing,
 * finds the conversation again after a reload, and books a callback on their own clock.
 */
describe("the chat widget on a customer's site, with the agent app beside it", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let host: Server;
  let hostUrl = "";
  let channelId = "";
  let agent: Page;
  let visitor: Page;
  const visitorProblems: string[] = [];

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    host = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maison Lumière</title>
<style>* { all: unset; } body { display: block; font: 40px serif; color: red; }</style></head>
<body><h1>Maison Lumière — boutique</h1>
<script src="${relais.url}/widget.js" data-channel="${channelId}" data-locale="fr" data-name="Léa Dupont" async></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const { channel } = await createChatChannel(relais.services, seed.account.id, {
      allowedOrigins: [hostUrl],
      contactEmail: "bonjour@maison-lumiere.example",
      contactPhone: "+33 1 84 80 00 00",
    });
    channelId = channel.id;

    browser = await openBrowser({ timezoneId: "Europe/Paris" });
    agent = browser.page;
    await signIn(agent, relais.url, seed.user.email, seed.password);
    await agent.goto(`${relais.url}/inbox/all`);
    visitor = await browser.context.newPage();
    visitor.on("pageerror", (error) => visitorProblems.push(`pageerror: ${error.message}`));
    visitor.on("console", (message) => {
      if (message.type() === "error") visitorProblems.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  it("carries messages both ways, live, between the site and the agent app", async () => {
    await visitor.goto(hostUrl);
    await visitor.locator(".launcher").click();
    // Contact options are always in view.
    await visitor.locator('[data-action="callback"]').waitFor();
    expect(await visitor.locator('[data-action="email"]').getAttribute("href")).toBe(
      "mailto:bonjour@maison-lumiere.example",
    );
    expect(await visitor.locator('[data-action="phone"]').getAttribute("href")).toBe(
      "tel:+33184800000",
    );

    const input = visitor.locator("textarea[name=message]");
    await input.fill("Bonjour, ma lampe est arrivée cassée.");
    await input.press("Enter");
    await visitor
      .locator(".message.in[data-id]", { hasText: "lampe est arrivée cassée" })
      .waitFor();

    const row = agent.locator(".rl-row", { hasText: "Léa Dupont" });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await agent.locator(".rl-message", { hasText: "lampe est arrivée cassée" }).waitFor();
    const conversationId = (await row.getAttribute("data-conversation-id")) ?? "";

    // The agent types: the visitor sees it.
    const api = apiClient(relais.url, seed.token);
    expect((await api.post(`/api/v1/conversations/${conversationId}/typing`)).status).toBe(200);
    await visitor.locator(".typing", { hasText: "écrit" }).waitFor();

    const composer = agent.getByTestId("composer-input");
    await composer.fill("Désolés ! Nous vous envoyons une nouvelle lampe aujourd'hui.");
    await composer.press("Enter");
    await visitor
      .locator(".message.out", { hasText: "nouvelle lampe" })
      .waitFor({ timeout: 20_000 });
    await screenshot(visitor, "widget-conversation-fr");

    // Read in the open widget: the agent app shows it read.
    await waitFor(
      async () => {
        const messages = (await api.get(`/api/v1/conversations/${conversationId}/messages`)).body
          .data;
        return messages.some(
          (m: { text: string; delivery: { status: string } | null }) =>
            m.text.includes("nouvelle lampe") && m.delivery?.status === "read",
        );
      },
      { message: "read receipt", timeoutMs: 20_000 },
    );

    await input.fill("Merci beaucoup !");
    await input.press("Enter");
    await agent.locator(".rl-message", { hasText: "Merci beaucoup" }).waitFor({ timeout: 20_000 });
  });

  it("finds the conversation again after a reload", async () => {
    await visitor.reload();
    await visitor.locator(".message.out", { hasText: "nouvelle lampe" }).waitFor();
    const texts = await visitor.locator(".message[data-id]").allTextContents();
    expect(texts.findIndex((text) => text.includes("cassée"))).toBeLessThan(
      texts.findIndex((text) => text.includes("nouvelle lampe")),
    );
    expect(texts.filter((text) => text.includes("Merci beaucoup"))).toHaveLength(1);
  });

  it("books a callback on the visitor's clock, which the agents see with both local times", async () => {
    await visitor.locator('[data-action="callback"]').click();
    const first = visitor.locator(".slots button").first();
    await first.waitFor();
    const start = (await first.getAttribute("data-start")) ?? "";
    await visitor.locator("input[name=phone]").fill("06 12 34 56 78");
    await first.click();
    await visitor.locator(".callback .primary").click();
    await visitor.locator(".result", { hasText: "C'est noté" }).waitFor();
    await screenshot(visitor, "widget-callback-fr");

    const api = apiClient(relais.url, seed.token);
    const [callback] = (await api.get("/api/v1/callbacks")).body.data;
    expect(callback).toMatchObject({ scheduledAt: start, phone: "+33612345678" });
    expect(callback.customerTime.timeZone).toBe("Europe/Paris");
    // The host page's scripts and console stayed clean (its hostile CSS did not reach the widget).
    expect(visitorProblems.filter((problem) => !problem.includes("favicon"))).toEqual([]);
  });
});
