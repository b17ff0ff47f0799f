import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IdentityKind } from "../../src/shared/enums.ts";
import { apiClient } from "../support/http.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import {
  assertNoRawKeys,
  assertNoSidewaysScroll,
  pickOption,
  SIZES,
  settle,
  useLocale,
} from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";

const LONG_NAME = "Marie-Amélie de La Tour d'Auvergne-Lauraguais de Saint-Exupéry";
const LONG_EMAIL =
  "marie-amelie.de-la-tour-dauvergne@un-nom-de-domaine-vraiment-tres-long.example.com";
/** More than a page of the list (30), so that "load more" has something to load. */
const FILLERS = 34;

/** The contact behind an identity (kind, value). */
async function contactOf(relais: WebRelais, seed: Seed, kind: IdentityKind, value: string) {
  const row = await relais.services.db
    .selectFrom("identities")
    .select("contact_id")
    .where("account_id", "=", seed.account.id)
    .where("kind", "=", kind)
    .where("value", "=", value)
    .executeTakeFirstOrThrow();
  return row.contact_id;
}

/** The same person on X, as the X channel would have recorded them. */
async function addIdentity(
  relais: WebRelais,
  seed: Seed,
  contactId: string,
  identity: { kind: IdentityKind; value: string; handle?: string; followers?: number },
) {
  await relais.services.db
    .insertInto("identities")
    .values({ account_id: seed.account.id, contact_id: contactId, ...identity })
    .execute();
}

/** No pane of the contacts screen scrolls sideways: long names and addresses wrap or truncate. */
async function assertContactsFit(page: Page) {
  await assertNoSidewaysScroll(page);
  const overflowing = await page.evaluate(() =>
    [".rl-list", ".rl-list-scroll", ".rl-contact-page"]
      .flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)])
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.className} ${element.scrollWidth}>${element.clientWidth}`),
  );
  expect(overflowing).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
}

async function capture(page: Page, name: string) {
  await settle(page);
  await assertContactsFit(page);
  await assertNoRawKeys(page);
  await screenshot(page, name);
}

async function identityKinds(page: Page) {
  const kinds = await page
    .getByTestId("contact-identities")
    .locator("[data-identity-kind]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-identity-kind")));
  return kinds.sort();
}

/** Opens "Merge with…", searches `search` and picks the option matching `option`. */
async function pickForMerge(page: Page, search: string, option: RegExp) {
  const dialog = page.getByTestId("merge-dialog");
  await dialog.waitFor();
  await page.getByTestId("merge-pick").fill(search);
  await pickOption(page, option);
  await page.getByTestId("merge-explain").waitFor();
  return dialog;
}

/**
 * An agent finds a customer, opens their record, and merges the two records of one person (by
 * email and on X) from the contacts screen and from the panel beside a conversation.
 */
describe("contacts in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let lea = "";
  let leaOnX = "";
  let leaOnXConversation = "";
  let paulConversation = "";
  let longId = "";

  beforeAll(async () => {
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    await relais.services.db
      .insertInto("contacts")
      .values(
        Array.from({ length: FILLERS }, (_, index) => ({
          account_id: seed.account.id,
          name: `Client ${String(index + 1).padStart(2, "0")}`,
          created_at: new Date(Date.UTC(2025, 0, 1, 0, index)),
        })),
      )
      .execute();
    await customerWrites(relais, seed, "Ma commande CMD-1001 n’est jamais arrivée.", {
      id: "cust-lea",
      name: "Léa Dupont",
      email: "lea.dupont@example.fr",
    });
    await customerWrites(relais, seed, "@marque toujours pas de colis, 3 semaines…", {
      id: "x-lea-d",
      name: "lea_d",
    });
    lea = await contactOf(relais, seed, "api", "cust-lea");
    leaOnX = await contactOf(relais, seed, "api", "x-lea-d");
    await addIdentity(relais, seed, leaOnX, {
      kind: "twitter",
      value: "1480001",
      handle: "lea_d",
      followers: 1250,
    });
    await customerWrites(relais, seed, "Bonjour, où en est mon remboursement ?", {
      id: "cust-paul",
      name: "Paul Martin",
      email: "paul.martin@example.fr",
    });
    await customerWrites(relais, seed, "Le remboursement, c’est pour quand ?", {
      id: "chat-paul",
      name: "paul.m",
    });
    await customerWrites(relais, seed, "Bonjour, je souhaite modifier mon adresse de livraison.", {
      id: "cust-long",
      name: LONG_NAME,
      email: LONG_EMAIL,
    });
    longId = await contactOf(relais, seed, "api", "cust-long");
    const conversations = (await api.get("/api/v1/conversations?limit=50")).body.data as Array<{
      id: string;
      contact: { id: string; name: string };
    }>;
    leaOnXConversation = conversations.find((c) => c.contact.id === leaOnX)?.id ?? "";
    paulConversation = conversations.find((c) => c.contact.name === "Paul Martin")?.id ?? "";
    expect(leaOnXConversation).not.toBe("");
    expect(paulConversation).not.toBe("");
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("reaches the contacts from the navigation, searches one and opens their record", async () => {
    const { page } = browser;
    await page.getByTestId("nav-contacts").click();
    await page.waitForURL(/\/contacts$/);
    await page.locator("[data-contact-id]").first().waitFor();

    await page.getByTestId("contacts-search").fill("dupont");
    const row = page.locator(`.rl-contact-row[data-contact-id="${lea}"]`);
    await row.waitFor();
    await page.locator(`.rl-contact-row[data-contact-id="${leaOnX}"]`).waitFor({
      state: "detached",
    });
    expect(await page.locator(".rl-contact-row").count()).toBe(1);
    expect(await row.getByTestId("contact-row-name").textContent()).toBe("Léa Dupont");
    expect(await row.getByTestId("contact-row-count").textContent()).toBe("1 conversation");
    const icons = await row
      .locator("[data-channel-kind]")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-channel-kind")));
    expect(icons.sort()).toEqual(["api", "email"]);

    await row.click();
    await page.waitForURL(new RegExp(`/contacts/${lea}\\?q=dupont$`));
    const contact = page.getByTestId("contact-page");
    await contact.waitFor();
    expect(await page.getByTestId("contact-name").textContent()).toBe("Léa Dupont");
    expect(await identityKinds(page)).toEqual(["api", "email"]);
    expect(await contact.textContent()).toContain("lea.dupont@example.fr");
    expect(
      await page.getByTestId("contact-conversations").locator("[data-conversation-id]").count(),
    ).toBe(1);

    await page.getByTestId("contacts-search").fill("zzz-personne");
    await page.getByTestId("contacts-empty").waitFor();
    expect(await page.getByTestId("contacts-empty").textContent()).toContain(
      "Aucun contact ne correspond",
    );
  });

  it("loads the next page of contacts with the cursor", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/contacts`);
    await page.locator(".rl-contact-row").first().waitFor();
    expect(await page.locator(".rl-contact-row").count()).toBe(30);
    await page.getByTestId("contacts-more").click();
    await page.getByTestId("contacts-more").waitFor({ state: "detached" });
    // Five customers who wrote, and the fillers; each once.
    const ids = await page
      .locator(".rl-contact-row")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-contact-id")));
    expect(ids).toHaveLength(FILLERS + 5);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.locator(".rl-contact-row").last().textContent()).toContain("Client 01");
  });

  it("merges the customer's X record into their email record", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/contacts/${lea}`);
    await page.getByTestId("contact-page").waitFor();
    await page.getByTestId("contact-merge-open").click();
    const dialog = await pickForMerge(page, "lea_d", /^lea_d/);
    const explanation = (await page.getByTestId("merge-explain").textContent()) ?? "";
    expect(explanation).toContain("Les identités, conversations, notes et rappels de lea_d");
    expect(explanation).toContain("Léa Dupont garde son nom");
    expect(explanation).toContain("irréversible");
    await screenshot(page, "contacts-merge-dialog-fr");
    await page.getByTestId("merge-confirm").click();
    await dialog.waitFor({ state: "detached" });

    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="contact-identities"] [data-identity-kind]')
          .length === 4,
    );
    expect(page.url()).toContain(`/contacts/${lea}`);
    expect(await page.getByTestId("contact-name").textContent()).toBe("Léa Dupont");
    expect(await identityKinds(page)).toEqual(["api", "api", "email", "twitter"]);
    expect(await page.getByTestId("contact-identities").textContent()).toContain("@lea_d");
    const conversations = page
      .getByTestId("contact-conversations")
      .locator("[data-conversation-id]");
    expect(await conversations.count()).toBe(2);
    await screenshot(page, "contacts-merged-fr");

    // The server agrees: one record, both conversations; the X record is gone.
    expect((await api.get(`/api/v1/contacts/${leaOnX}`)).status).toBe(404);
    const merged = (await api.get(`/api/v1/contacts/${lea}`)).body.data;
    expect(merged.conversations.map((c: { id: string }) => c.id)).toContain(leaOnXConversation);
    await page.goto(`${relais.url}/contacts`);
    await page.locator(".rl-contact-row").first().waitFor();
    expect(await page.locator(`.rl-contact-row[data-contact-id="${leaOnX}"]`).count()).toBe(0);

    // A conversation of the merged record opens in the inbox, under the one customer.
    await page.goto(`${relais.url}/contacts/${lea}`);
    await page.locator(`[data-conversation-id="${leaOnXConversation}"]`).click();
    await page.waitForURL(new RegExp(`/inbox/all/${leaOnXConversation}$`));
    const panel = page.getByTestId("customer-panel");
    await panel.waitFor();
    await panel.getByText("Léa Dupont").first().waitFor();
  });

  it("renames a contact", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/contacts/${lea}`);
    await page.getByTestId("contact-name-edit").click();
    await page.getByTestId("contact-name-input").fill("Léa Dupont-Martin");
    await page.getByTestId("contact-name-save").click();
    await page.getByTestId("contact-name").getByText("Léa Dupont-Martin").waitFor();
    expect((await api.get(`/api/v1/contacts/${lea}`)).body.data.name).toBe("Léa Dupont-Martin");
    await page
      .locator(`.rl-contact-row[data-contact-id="${lea}"]`)
      .getByText("Léa Dupont-Martin")
      .waitFor();
  });

  it("merges from the customer panel beside a conversation", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/inbox/all/${paulConversation}`);
    const panel = page.getByTestId("customer-panel");
    await panel.waitFor();
    await panel.getByTestId("customer-menu").click();
    await page.getByTestId("customer-merge").waitFor();
    await settle(page);
    await screenshot(page, "contacts-panel-menu-fr");
    await page.getByTestId("customer-merge").click();
    await pickForMerge(page, "paul.m", /^paul\.m/);
    await screenshot(page, "contacts-panel-merge-fr");
    await page.getByTestId("merge-confirm").click();
    await page.getByTestId("merge-dialog").waitFor({ state: "detached" });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="customer-panel"] [data-identity-kind]').length ===
        3,
    );
    expect(await panel.textContent()).toContain("chat-paul");
    expect(await panel.textContent()).toContain("Paul Martin");
    const detail = (await api.get(`/api/v1/conversations/${paulConversation}`)).body.data;
    const contact = (await api.get(`/api/v1/contacts/${detail.contact.id}`)).body.data;
    expect(contact.name).toBe("Paul Martin");
    expect(contact.conversations).toHaveLength(2);
    expect(contact.identities.map((i: { value: string }) => i.value).sort()).toEqual([
      "chat-paul",
      "cust-paul",
      "paul.martin@example.fr",
    ]);
  });

  for (const locale of ["fr", "en"] as const) {
    for (const size of SIZES) {
      it(`screens in ${locale} at ${size.width}×${size.height}`, async () => {
        const { page, problems } = browser;
        await page.setViewportSize(size);
        await useLocale(page, locale);
        await page.goto(`${relais.url}/contacts`);
        await page
          .getByText(locale === "fr" ? "Aucun contact ouvert" : "No contact open")
          .waitFor();
        await capture(page, `contacts-list-${locale}`);

        await page.goto(`${relais.url}/contacts/${lea}`);
        await page.getByTestId("contact-page").waitFor();
        await capture(page, `contacts-page-${locale}`);

        await page.goto(`${relais.url}/contacts/${longId}?q=auvergne`);
        await page.getByTestId("contact-page").waitFor();
        await capture(page, `contacts-long-${locale}`);

        await page.getByTestId("contact-merge-open").click();
        await pickForMerge(page, "Client 07", /Client 07/);
        await capture(page, `contacts-merge-${locale}`);
        await page.keyboard.press("Escape");
        await page.getByTestId("merge-dialog").waitFor({ state: "detached" });

        await page.goto(`${relais.url}/contacts?q=zzz-personne`);
        await page.getByTestId("contacts-empty").waitFor();
        await capture(page, `contacts-empty-${locale}`);
        expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
      });
    }
  }
});
