import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/http.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settledScripts } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

/** Each payload, if it ran, would set window.__pwned (or open a dialog, which is recorded). */
const HOSTILE = [
  `<script>window.__pwned = "script"; alert(1)</script>`,
  `<img src="x" onerror="window.__pwned = 'img-onerror'; alert(2)">`,
  `<a href="javascript:window.__pwned='js-link'">click me</a>`,
  `<a href="jav&#x09;ascript:window.__pwned='entity-link'">and me</a>`,
  `<svg onload="window.__pwned='svg-onload'"><script>window.__pwned='svg-script'</script></svg>`,
  `<svg><animate onbegin="window.__pwned='svg-animate'" attributeName="x" dur="1s"/></svg>`,
  `<svg><a xlink:href="javascript:window.__pwned='svg-link'"><text x="20" y="20">svg link</text></a></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'">`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<form action="javascript:window.__pwned='form'"><button id="go">Send</button></form>`,
  `<div style="position:fixed;inset:0;z-index:9999" onmouseover="window.__pwned='overlay'">cover</div>`,
  `<object data="javascript:window.__pwned='object'"></object><embed src="javascript:window.__pwned='embed'">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">`,
  `<base href="javascript:/"><a href="/x">relative</a>`,
  `<details open ontoggle="window.__pwned='details'">x</details>`,
  `javascript:window.__pwned='plain' data:text/html,<script>window.__pwned='data'</script>`,
];

async function assertInert(page: Page, problems: string[]) {
  await settledScripts(page);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
  ).toBeUndefined();
  expect(
    problems.filter((problem) => problem.startsWith("dialog") || problem.startsWith("pageerror")),
  ).toEqual([]);
  const timeline = page.getByTestId("timeline");
  const bodies = timeline.locator("[data-message-text], [data-message-html]");
  expect(await bodies.count()).toBeGreaterThan(0);
  expect(await page.locator("script:not([src])").count()).toBe(0);
  const dangerous = "script, iframe, object, embed, form, svg, math, meta, base, style, button";
  for (const body of await bodies.all()) expect(await body.locator(dangerous).count()).toBe(0);
  const handlers = await timeline.evaluate((root) =>
    [...root.querySelectorAll("*")].flatMap((element) =>
      [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((a) => a.name),
    ),
  );
  expect(handlers).toEqual([]);
  const links = await timeline.locator("a").evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      href: anchor.getAttribute("href"),
      rel: anchor.getAttribute("rel"),
    })),
  );
  for (const link of links) {
    if (link.href) expect(link.href).toMatch(/^(https?:|mailto:|tel:|\/api\/v1\/attachments\/)/);
    expect(link.rel ?? "").toContain("noopener");
    expect(link.rel ?? "").toContain("noreferrer");
  }
}

describe("message content is inert in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    // The page's CSP would block most payloads anyway; bypass it so that these tests prove the
    // rendering itself is inert (the CSP is a second wall, checked on its own below).
    browser = await openBrowser({ bypassCSP: true });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("would notice a payload that ran (control)", async () => {
    const { page } = browser;
    await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.innerHTML = `<img src="x" onerror="window.__control = 'ran'">`;
      document.body.append(probe);
    });
    await page.waitForFunction(
      () => (window as unknown as { __control?: string }).__control === "ran",
    );
  });

  it("also has the Content-Security-Policy as a second wall", async () => {
    const strict = await openBrowser();
    try {
      await strict.page.goto(`${relais.url}/`);
      await strict.page.evaluate(() => {
        const probe = document.createElement("div");
        probe.innerHTML = `<img src="x" onerror="window.__blocked = 'ran'">`;
        document.body.append(probe);
      });
      await settledScripts(strict.page);
      const ran = await strict.page.evaluate(
        () => (window as unknown as { __blocked?: string }).__blocked,
      );
      expect(ran).toBeUndefined();
    } finally {
      await strict.close();
    }
  });

  it("shows hostile text sent through the API channel as text, and runs none of it", async () => {
    const { page, problems } = browser;
    await customerWrites(
      relais,
      seed,
      `${HOSTILE.join("\n\n")}\n\nDocs: https://example.com/help?a=1`,
      {
        name: `<img src=x onerror="window.__pwned='contact-name'">Mallory`,
      },
    );
    await page.goto(`${relais.url}/inbox/all`);
    const row = page.locator(".rl-row").first();
    await row.waitFor();
    await row.click();
    const body = page.locator("[data-message-text]").first();
    await body.waitFor();
    expect(await body.textContent()).toContain(
      `<script>window.__pwned = "script"; alert(1)</script>`,
    );
    expect(await page.getByTestId("conversation-title").textContent()).toContain(
      "<img src=x onerror=",
    );
    const help = page.getByTestId("timeline").locator('a[href="https://example.com/help?a=1"]');
    expect(await help.count()).toBe(1);
    expect(await help.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await help.getAttribute("target")).toBe("_blank");
    await body.hover();
    await assertInert(page, problems);
    await screenshot(page, "hostile-text");
  });

  it("sanitises email HTML with DOMPurify before it reaches the page", async () => {
    const { page, problems } = browser;
    // The API channel carries text only; the email channel's HTML reaches the browser in the
    // same `html` field, which is what this puts there, on the wire, for the app to render.
    const api = apiClient(relais.url, seed.token);
    const list = (await api.get("/api/v1/conversations?status=open")).body.data;
    const id = list[0].id as string;
    await page.route(`**/api/v1/conversations/${id}`, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      for (const message of json.data.messages) {
        message.html = `<p>Hello <b>there</b>, see <a href="https://example.com/order">your order</a>.</p>${HOSTILE.join("")}<img src="https://tracker.example/pixel.gif" alt="pixel">`;
      }
      await route.fulfill({ response, json });
    });
    await page.goto(`${relais.url}/inbox/all/${id}`);
    const html = page.locator("[data-message-html]").first();
    await html.waitFor();
    expect(await html.locator("b").textContent()).toBe("there");
    const order = html.locator('a[href="https://example.com/order"]');
    expect(await order.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await html.locator('img[src^="https://tracker.example"]').count()).toBe(0);
    for (const anchor of await html.locator("a:not([href])").all()) {
      await anchor.click({ force: true, timeout: 1000 }).catch(() => {});
    }
    await html
      .getByText("cover")
      .hover({ timeout: 1000 })
      .catch(() => {});
    await assertInert(page, problems);
    expect(page.url()).toContain(`/inbox/all/${id}`);
    await page.unroute(`**/api/v1/conversations/${id}`);
  });
});
