import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMastodonFake } from "../fakes/mastodon.ts";
import type { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, screenshot } from "./support/browser.ts";
import { startSignedIn, type WebRelais } from "./support/relais.ts";
import { storedSecrets } from "./support/settings.ts";

/**
 * Channels in the app: a chat channel gives its embed code and its secret once, any provider is
 * configured from a generated form whose secrets stay hidden, and a provider's refusal shows in
 * the form.
 */
describe("channel settings in Chromium", () => {
  let relais: WebRelais;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  // The Mastodon instance the channel form points at: on loopback, since the channel then polls it.
  let mastodonInstance: Awaited<ReturnType<typeof startMastodonFake>> | undefined;

  beforeAll(async () => {
    ({ relais, api, browser } = await startSignedIn());
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await mastodonInstance?.close();
  });

  it("configures a chat channel and shows its embed code and secret once", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("add-api-channel").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nom").first().fill("Chat de la boutique");
    await dialog.locator('[data-kind-option="chat"]').click();
    await page.getByTestId("chat-origins").fill("https://boutique.example");
    await page.getByTestId("chat-origins").press("Enter");
    await page.getByTestId("chat-greeting-fr").fill("Bonjour ! Une question ?");
    await page.getByTestId("chat-contact-email").fill("bonjour@boutique.example");
    await screenshot(page, "channel-chat-form-fr");
    await page.getByTestId("channel-save").click();

    const created = page.getByTestId("channel-secrets");
    await created.waitFor();
    const snippet = (await page.getByTestId("embed-snippet").textContent()) ?? "";
    const channel = (await api.get("/api/v1/channels")).body.data.find(
      (item: { kind: string }) => item.kind === "chat",
    );
    expect(snippet).toBe(
      `<script src="${new URL(channel.webhookUrl).origin}/widget.js" data-channel="${channel.id}" async></script>`,
    );
    expect(channel.config).toMatchObject({
      allowedOrigins: ["https://boutique.example"],
      greeting: { fr: "Bonjour ! Une question ?" },
      contactEmail: "bonjour@boutique.example",
      callbackEnabled: true,
    });
    const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await screenshot(page, "channel-chat-created-fr");
    await page.getByTestId("channel-created-done").click();
    await page.locator(`[data-channel-id="${channel.id}"]`).waitFor();
    expect(await page.locator("body").textContent()).not.toContain(secret);

    // The embed code stays at hand; the secret does not come back.
    await page.locator(`[data-channel-id="${channel.id}"]`).getByTestId("channel-embed").click();
    expect(await page.getByTestId("embed-snippet").textContent()).toBe(snippet);
    expect(await page.locator("body").textContent()).not.toContain(secret);
    await page.keyboard.press("Escape");
  });

  it("configures other providers from generated forms, secrets write-only", async () => {
    const { page } = browser;
    const token = "mastodon-token-that-must-never-show";
    mastodonInstance = await startMastodonFake({
      accessToken: token,
      brand: {
        id: "1",
        username: "boutique",
        acct: "boutique",
        display_name: "Boutique",
        avatar: "https://social.example/avatars/boutique.png",
        followers_count: 120,
        url: "https://social.example/@boutique",
      },
    });
    const instanceUrl = mastodonInstance.url;
    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("add-api-channel").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nom").first().fill("@boutique@mastodon.example");
    await dialog.locator('[data-kind-option="mastodon"]').click();
    await dialog.locator('[data-field="instanceUrl"]').fill(instanceUrl);
    await dialog.locator('[data-field="accessToken"]').fill(token);
    await dialog.locator('[data-field="pollSeconds"]').fill("0");
    await screenshot(page, "channel-mastodon-form-fr");
    await page.getByTestId("channel-save").click();
    await page.getByTestId("channel-secrets").waitFor();
    await page.getByTestId("channel-created-done").click();
    const mastodon = (await api.get("/api/v1/channels")).body.data.find(
      (item: { kind: string }) => item.kind === "mastodon",
    );
    expect(mastodon.config).toEqual({ instanceUrl, pollSeconds: 0 });

    // Editing shows the settings, never the token; leaving it empty keeps it.
    await page.locator(`[data-channel-id="${mastodon.id}"]`).getByTestId("channel-edit").click();
    expect(await dialog.locator('[data-field="instanceUrl"]').inputValue()).toBe(instanceUrl);
    expect(await dialog.locator('[data-field="accessToken"]').inputValue()).toBe("");
    expect(await page.content()).not.toContain(token);
    await dialog.locator('[data-field="pollSeconds"]').fill("120");
    await page.getByTestId("channel-save").click();
    await dialog.waitFor({ state: "detached" });
    await waitFor(
      async () =>
        (await api.get(`/api/v1/channels/${mastodon.id}`)).body.data.config.pollSeconds === 120,
    );
    expect(await storedSecrets(relais, mastodon.id)).toEqual({ accessToken: token });

    // Email: Relais makes its token key, the admin's relay is added to it (two requests).
    await page.getByTestId("add-api-channel").click();
    await dialog.getByLabel("Nom").first().fill("Service client");
    await dialog.locator('[data-kind-option="email"]').click();
    await dialog.locator('[data-field="address"]').fill("service@boutique.example");
    await dialog.locator('[data-field="smtpUrl"]').fill("smtp://relay:secret@127.0.0.1:2599");
    await page.getByTestId("channel-save").click();
    await page.getByTestId("channel-secrets").waitFor();
    await page.getByTestId("channel-created-done").click();
    const email = (await api.get("/api/v1/channels")).body.data.find(
      (item: { kind: string }) => item.kind === "email",
    );
    const secrets = await storedSecrets(relais, email.id);
    expect(secrets.smtpUrl).toBe("smtp://relay:secret@127.0.0.1:2599");
    expect(secrets.tokenKey?.length ?? 0).toBeGreaterThanOrEqual(16);
  });

  it("shows a provider's refusal in the form", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/channels`);
    await page.getByTestId("add-api-channel").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nom").first().fill("Twilio");
    await dialog.locator('[data-kind-option="phone"]').click();
    await dialog.locator('[data-field="accountSid"]').fill("not-a-sid");
    await dialog.locator('[data-field="authToken"]').fill("twilio-token-123");
    await dialog.locator('[data-field="from"]').fill("+14155550100");
    await page.getByTestId("channel-save").click();
    const error = page.getByTestId("channel-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("accountSid");
    await page.keyboard.press("Escape");
  });
});
