import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { createAccount, createApiChannel, createUser } from "../../support/factories.ts";
import { apiClient, postSignedHook } from "../../support/http.ts";
import { startTestRelais } from "../../support/relais.ts";
import { WEB_ROOT } from "../globalSetup.ts";
import { openBrowser, signIn } from "./browser.ts";

export type WebRelais = Awaited<ReturnType<typeof startWebRelais>>;

/** A whole Relais serving the built web app, as `relais serve` does. */
export async function startWebRelais() {
  return startTestRelais({}, { webRoot: WEB_ROOT });
}

/** An account with an admin, a second agent and an API channel replying to `outboundUrl`. */
export async function seedAccount(
  relais: WebRelais,
  props: { outboundUrl?: string; locale?: "fr" | "en" } = {},
) {
  const { account, user, token, password } = await createAccount(relais.services, {
    locale: props.locale ?? "fr",
  });
  const colleague = await createUser(relais.services, account.id, "agent");
  const { channel, secret } = await createApiChannel(relais.services, account.id, {
    outboundUrl: props.outboundUrl,
  });
  return { account, user, token, password, colleague, channel, secret };
}

export type Seed = Awaited<ReturnType<typeof seedAccount>>;

/**
 * What most screen tests start from: Relais serving the web app, a seeded account, its admin's
 * API client, and a browser signed in as that admin.
 */
export async function startSignedIn(props: Parameters<typeof seedAccount>[1] = {}) {
  const relais = await startWebRelais();
  const seed = await seedAccount(relais, props);
  const api = apiClient(relais.url, seed.token);
  const browser = await openBrowser();
  await signIn(browser.page, relais.url, seed.user.email, seed.password);
  return { relais, seed, api, browser };
}

/** A customer writes on the API channel, through its signed webhook. */
export async function customerWrites(
  relais: WebRelais,
  seed: Seed,
  text: string,
  contact: { id?: string; name?: string; email?: string } = {},
) {
  const response = await postSignedHook(relais.url, seed.channel.id, seed.secret, {
    message: { id: `msg-${randomUUID()}`, text },
    contact: {
      id: contact.id ?? `cust-${randomUUID().slice(0, 8)}`,
      name: contact.name,
      email: contact.email,
    },
  });
  if (response.status >= 300)
    throw new Error(`webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Picks an option of a Mantine Select by its visible label. */
export async function chooseOption(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.getByRole("option", { name: label, exact: true }).click();
}
