import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import { fakeId, metaFixture, postMetaHook, startGraphFake } from "../fakes/graph.ts";
import { invalidRequest, startXFake } from "../fakes/x.ts";
import { createAccount } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, signIn } from "./support/browser.ts";
import { useLocale } from "./support/checks.ts";
import { startWebRelais, type WebRelais } from "./support/relais.ts";
import { capture } from "./support/settings.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE_ID = "104857600123456";
const PAGE_TOKEN = "EAAGm0PX4ZCpsBAMessengerBrowserToken";
const APP_SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const COMMENT_ID = "122131676912594941_1213590066982748";
const X_SECRETS = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};

/**
 * Meta's windows in the composer: 24 hours, then 7 days for a human agent (the reply goes out
 * tagged HUMAN_AGENT), then closed; one private reply to a comment within 7 days. And the X
 * channel's settings register its webhook with X, showing X's refusal with its reason.
 */
describe("Messenger's windows in the composer, X's webhook in the settings", () => {
  let relais: WebRelais;
  let graph: Awaited<ReturnType<typeof startGraphFake>>;
  let x: Awaited<ReturnType<typeof startXFake>>;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let channelId = "";
  const ids = { agentWindow: "", closed: "", comment: "" };

  /** A customer writes, and the conversation their message created or continued. */
  const customerWrites = async (payload: unknown): Promise<string> => {
    const before = new Set(
      ((await api.get("/api/v1/conversations?limit=100")).body.data as Array<{ id: string }>).map(
        (conversation) => conversation.id,
      ),
    );
    const answer = await postMetaHook(relais.url, channelId, APP_SECRET, payload);
    expect(answer.status).toBe(200);
    return waitFor(async () => {
      const list = (await api.get("/api/v1/conversations?limit=100")).body.data as Array<{
        id: string;
      }>;
      return list.find((conversation) => !before.has(conversation.id))?.id;
    });
  };

  const messengerMessage = (psid: string, text: string, ago: number) => {
    const payload = metaFixture("facebook-messaging-message");
    const event = payload.entry[0].messaging[0];
    event.sender.id = psid;
    event.timestamp = Date.now() - ago;
    event.message = { mid: `m_${fakeId()}`, text };
    return payload;
  };

  const open = async (page: Page, conversationId: string) => {
    await page.goto(`${relais.url}/inbox/all/${conversationId}?status=all`);
    await page.getByTestId("composer").waitFor();
  };
  const notice = (page: Page) => page.getByTestId("reply-window");

  beforeAll(async () => {
    graph = await startGraphFake({ accessToken: PAGE_TOKEN, appSecret: APP_SECRET });
    x = await startXFake(X_SECRETS);
    relais = await startWebRelais();
    const { account, user, token, password } = await createAccount(relais.services, {
      locale: "fr",
    });
    api = apiClient(relais.url, token);
    const channel = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: account.id,
      kind: "facebook",
      name: "Maison Lumière",
      config: { pageId: PAGE_ID, graphUrl: graph.url },
      secrets: { pageToken: PAGE_TOKEN, appSecret: APP_SECRET, verifyToken: "verify-browser" },
    });
    channelId = channel.id;
    graph.setProfile("7281946350012345", { first_name: "James", last_name: "Carter" });
    graph.setProfile("7281946350067890", { first_name: "Nadia", last_name: "Haddad" });
    ids.agentWindow = await customerWrites(
      messengerMessage(
        "7281946350012345",
        "My blender smells of burning. Order #A-10293.",
        3 * DAY,
      ),
    );
    ids.closed = await customerWrites(
      messengerMessage("7281946350067890", "Bonjour, ma lampe clignote.", 8 * DAY),
    );
    const comment = metaFixture("facebook-feed-comment");
    comment.entry[0].changes[0].value.created_time = Math.floor((Date.now() - 2 * DAY) / 1000);
    graph.setCommenter(COMMENT_ID, "6712345098765432");
    ids.comment = await customerWrites(comment);
    const created = await api.post("/api/v1/channels", {
      kind: "x",
      name: "@MaisonLumiere",
      config: { userId: "370773112", apiUrl: x.url },
      secrets: X_SECRETS,
    });
    expect(created.status).toBe(201);
    browser = await openBrowser();
    await signIn(browser.page, relais.url, user.email, password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await graph?.close();
    await x?.close();
  });

  it("after 24 hours, lets an agent answer for 7 days and sends the reply tagged HUMAN_AGENT", async () => {
    const { page } = browser;
    await open(page, ids.agentWindow);
    await notice(page).waitFor();
    expect(await notice(page).getAttribute("data-state")).toBe("open");
    expect(await notice(page).getAttribute("data-phase")).toBe("humanAgent");
    expect(await notice(page).textContent()).toMatch(/^Réponse d’un agent : encore 3\sj 23\sh$/);
    const input = page.getByTestId("composer-input");
    expect(await input.isDisabled()).toBe(false);
    await input.fill("Bonjour James, un remplaçant part aujourd'hui.");
    await page.getByTestId("send").click();
    const reply = page.locator('.rl-message[data-kind="out"]', { hasText: "un remplaçant part" });
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    const sent = graph.calls.filter((call) => call.method === "POST").at(-1);
    expect(sent?.body).toEqual({
      recipient: { id: "7281946350012345" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Bonjour James, un remplaçant part aujourd'hui." },
    });
    await page.mouse.move(1, 1);
    await capture(page, "messenger-human-agent-fr");
  });

  it("after 7 days, says the window is closed and offers no way to send", async () => {
    const { page } = browser;
    const posts = graph.calls.filter((call) => call.method === "POST").length;
    await open(page, ids.closed);
    await notice(page).waitFor();
    expect(await notice(page).getAttribute("data-state")).toBe("closed");
    expect(await notice(page).getAttribute("data-reason")).toBe("expired");
    expect(await notice(page).textContent()).toBe(
      "Fenêtre fermée : plus de 7 jours depuis le dernier message du client",
    );
    expect(await page.getByTestId("composer-input").isDisabled()).toBe(true);
    expect(await page.getByTestId("choose-template").count()).toBe(0);
    expect(await page.getByTestId("send").isDisabled()).toBe(true);
    await capture(page, "messenger-closed-fr");
    expect(graph.calls.filter((call) => call.method === "POST")).toHaveLength(posts);
  });

  it("allows one private reply to a comment within 7 days, then says it was used", async () => {
    const { page } = browser;
    await open(page, ids.comment);
    // A public answer to the comment has no window.
    expect(await notice(page).count()).toBe(0);
    await page.locator("label", { has: page.getByTestId("reply-private") }).click();
    await notice(page).waitFor();
    expect(await notice(page).getAttribute("data-phase")).toBe("privateReply");
    expect(await notice(page).textContent()).toMatch(
      /^Une réponse privée possible : encore 4\sj 23\sh$/,
    );
    await page.mouse.move(1, 1);
    await capture(page, "messenger-private-reply-fr");
    await page.getByTestId("composer-input").fill("Pouvez-vous nous donner votre adresse ?");
    await page.getByTestId("send").click();
    await waitFor(
      async () => (await notice(page).getAttribute("data-reason")) === "privateReplyUsed",
      {
        message: "private reply used",
      },
    );
    expect(await notice(page).textContent()).toBe(
      "Réponse privée déjà envoyée : attendez la réponse du client",
    );
    expect(await page.getByTestId("composer-input").isDisabled()).toBe(true);
    const privateReply = await waitFor(() =>
      graph.calls.find((call) => call.body?.recipient?.comment_id === COMMENT_ID),
    );
    expect(privateReply.body.message.text).toBe("Pouvez-vous nous donner votre adresse ?");
    await capture(page, "messenger-private-reply-used-fr");
  });

  it("registers the X webhook from the channel's settings, and shows X's refusal", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("channels-settings").waitFor();
    await page.locator("tr", { hasText: "@MaisonLumiere" }).getByTestId("channel-edit").click();
    const section = page.getByTestId("webhook-registration");
    await section.waitFor();
    expect(await section.getAttribute("data-registered")).toBe("false");
    x.failNext(
      /^\/2\/webhooks$/,
      invalidRequest("WebhookLimitExceeded: the application has reached its webhook limit."),
    );
    await page.getByTestId("register-webhook").click();
    const error = page.getByTestId("webhook-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("X a refusé l’enregistrement");
    expect(await error.textContent()).toContain("WebhookLimitExceeded");
    await error.scrollIntoViewIfNeeded();
    await capture(page, "x-webhook-refused-fr");

    await page.getByTestId("register-webhook").click();
    await waitFor(async () => (await section.getAttribute("data-registered")) === "true", {
      message: "webhook registered",
    });
    const webhook = x.webhooks.list.at(-1);
    expect(await page.getByTestId("webhook-status").textContent()).toBe(
      `Enregistré (webhook ${webhook?.id})`,
    );
    expect(await page.getByTestId("webhook-error").count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await capture(page, "x-webhook-registered-fr");
    await page.keyboard.press("Escape");
  });

  it("speaks English: the windows, the Human Agent setting and the X webhook", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await open(page, ids.agentWindow);
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toMatch(/^Human agent reply: 3 days 23 hr left$/);
    await page.mouse.move(1, 1);
    await capture(page, "messenger-human-agent-en");
    await open(page, ids.closed);
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toBe(
      "Window closed: more than 7 days since the customer's last message",
    );
    await capture(page, "messenger-closed-en");

    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("channels-settings").waitFor();
    await page.locator("tr", { hasText: "Maison Lumière" }).getByTestId("channel-edit").click();
    const toggle = page
      .locator(
        'input[type="checkbox"][data-field="humanAgent"], [data-field="humanAgent"] input[type="checkbox"]',
      )
      .first();
    await toggle.waitFor({ state: "attached" });
    expect(await toggle.isChecked()).toBe(true);
    await capture(page, "channel-form-facebook-en");
    await page.keyboard.press("Escape");
    await page.getByTestId("channel-form").waitFor({ state: "detached" });

    await page.locator("tr", { hasText: "@MaisonLumiere" }).getByTestId("channel-edit").click();
    await page.getByTestId("webhook-registration").waitFor();
    expect(await page.getByTestId("webhook-status").textContent()).toMatch(
      /^Registered \(webhook \d+\)$/,
    );
    await page.getByTestId("webhook-registration").scrollIntoViewIfNeeded();
    await capture(page, "x-webhook-registered-en");
  });
});
