import type { Page } from "playwright-core";
import { screenshot } from "./browser.ts";
import { assertNoRawKeys, assertNoSidewaysScroll, settle } from "./checks.ts";
import type { WebRelais } from "./relais.ts";

/** A channel's credentials as stored (sealed), opened: what the API never shows. */
export async function storedSecrets(relais: WebRelais, channelId: string) {
  const row = await relais.services.db
    .selectFrom("channels")
    .select("secrets")
    .where("id", "=", channelId)
    .executeTakeFirstOrThrow();
  return relais.services.secrets.open<Record<string, string>>(row.secrets ?? "");
}

/** Checks the screen as it is (no sideways scroll, no raw key) and saves `name`. */
export async function capture(page: Page, name: string) {
  await settle(page);
  await assertNoSidewaysScroll(page);
  await assertNoRawKeys(page);
  await screenshot(page, name);
}

/**
 * Rules (list and form), canned replies (list and form), a team's assignment, and the channel
 * forms of chat, WhatsApp and phone, saved as `<screen>-<locale>-<width>x<height>.png`.
 */
export async function captureSettingsScreens(page: Page, baseUrl: string, locale: "fr" | "en") {
  const open = async (section: string, testId: string) => {
    await page.goto(`${baseUrl}/settings/${section}`);
    await page.getByTestId(testId).waitFor();
    await capture(page, `${section}-${locale}`);
  };
  await open("rules", "rules-settings");
  await page.getByTestId("rule-open").first().click();
  await page.getByTestId("rule-form").waitFor();
  await capture(page, `rule-form-${locale}`);
  await page.keyboard.press("Escape");

  await open("canned", "canned-settings");
  await page.getByTestId("canned-open").first().click();
  await page.getByTestId("canned-form").waitFor();
  await capture(page, `canned-form-${locale}`);
  await page.keyboard.press("Escape");

  await open("teams", "teams-settings");
  await page.getByTestId("open-assignment").first().click();
  await page.getByTestId("team-assignment").first().waitFor();
  await capture(page, `teams-assignment-${locale}`);

  await open("channels", "channels-settings");
  for (const kind of ["chat", "whatsapp", "phone"]) {
    await page.getByTestId("add-api-channel").click();
    await page.locator(`[data-kind-option="${kind}"]`).click();
    await capture(page, `channel-form-${kind}-${locale}`);
    await page.keyboard.press("Escape");
    await page.getByTestId("channel-form").waitFor({ state: "detached" });
  }
}
