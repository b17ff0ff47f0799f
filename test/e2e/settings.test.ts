import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { pickOption, SIZES, useLocale } from "./support/checks.ts";
import {
  chooseOption,
  customerWrites,
  type Seed,
  startSignedIn,
  type WebRelais,
} from "./support/relais.ts";
import { captureSettingsScreens } from "./support/settings.ts";

const ANGRY =
  "Colis jamais reçu, produit nul, je ne suis pas satisfait du tout. C'est inadmissible !";
const HAPPY = "Merci beaucoup, le service est parfait, je suis ravie de ma lampe !";

/**
 * The settings the server already supported, now in the app: a rule written in the form acts on
 * a signed inbound message; a canned reply with a variable reaches the composer filled in; a
 * team hands out conversations in turn within its business hours (channels: settingsChannels.test.ts).
 */
describe("rules, canned replies and teams in Chromium", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let angryId = "";

  const conversationOf = async (name: string) => {
    const list = (await api.get("/api/v1/conversations?limit=100")).body.data as Array<{
      id: string;
      contact: { name: string | null };
    }>;
    return list.find((item) => item.contact.name === name)?.id ?? "";
  };

  beforeAll(async () => {
    ({ relais, seed, api, browser } = await startSignedIn());
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
  });

  it("creates a rule in the form that makes negative messages urgent, and it acts", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/rules`);
    await page.getByTestId("rules-settings").waitFor();
    await page.getByTestId("new-rule").click();
    const form = page.getByTestId("rule-form");
    await form.waitFor();
    await page.getByTestId("rule-name").fill("Clients mécontents → urgent");

    // A sentiment condition under "a message arrives": the form suggests the triage trigger.
    await page.getByTestId("add-condition").click();
    const sentiment = form.locator('[data-condition-type="sentiment"]');
    await sentiment.getByText("Négatif", { exact: true }).click();
    await form.getByRole("button", { name: "Utiliser ce déclencheur" }).click();
    expect(await page.getByTestId("rule-trigger").inputValue()).toBe("Une conversation est triée");
    await chooseOption(page, "action-priority", "Urgente");

    // An empty phrase list is refused by the server, which names the field: the row says so.
    await page.getByTestId("add-condition").click();
    await form.locator('[data-condition-index="1"]').getByTestId("condition-type").click();
    await pickOption(page, "Texte du message");
    await screenshot(page, "rule-form-fr");
    await page.getByTestId("rule-save").click();
    const error = page.getByTestId("rule-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("conditions.1");
    expect(await form.locator('[data-condition-index="1"]').getAttribute("data-invalid")).toBe(
      "true",
    );
    await form
      .locator('[data-condition-index="1"]')
      .getByRole("button", { name: "Retirer cette condition" })
      .click();
    await page.getByTestId("rule-save").click();
    await form.waitFor({ state: "detached" });

    const card = page.locator("[data-rule-id]", { hasText: "Clients mécontents → urgent" });
    await card.waitFor();
    expect(await card.textContent()).toContain("Sentiment est Négatif");
    const rules = (await api.get("/api/v1/rules")).body.data;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      trigger: "conversation.triaged",
      conditions: [{ type: "sentiment", in: ["negative"], negate: false }],
      actions: [{ type: "set_priority", priority: "urgent" }],
    });

    // A signed inbound message: the angry one becomes urgent, the happy one does not.
    await customerWrites(relais, seed, ANGRY, { id: "cust-angry", name: "Bruno Colère" });
    await customerWrites(relais, seed, HAPPY, { id: "cust-happy", name: "Chloé Joie" });
    angryId = await waitFor(() => conversationOf("Bruno Colère"), { message: "conversation" });
    await page.goto(`${relais.url}/inbox/all/${angryId}`);
    await waitFor(async () => (await page.getByTestId("priority").inputValue()) === "Urgente", {
      timeoutMs: 20_000,
      message: "the rule made the conversation urgent",
    });
    const happyId = await conversationOf("Chloé Joie");
    const happy = (await api.get(`/api/v1/conversations/${happyId}`)).body.data;
    await waitFor(
      async () => (await api.get(`/api/v1/conversations/${happyId}`)).body.data.sentiment !== null,
      { timeoutMs: 20_000, message: "the happy message triaged" },
    );
    expect(happy.priority).not.toBe("urgent");
  });

  it("tests the rule on a conversation, condition by condition", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/rules`);
    await page.getByTestId("rule-open").first().click();
    await page.getByTestId("rule-test-conversation").click();
    await page.getByTestId("rule-test-conversation").fill("Bruno");
    await pickOption(page, /Bruno Colère/);
    await page.getByTestId("rule-test-run").click();
    const result = page.getByTestId("rule-test-result");
    await result.waitFor();
    expect(await result.getAttribute("data-matched")).toBe("true");
    expect(await result.locator('[data-condition-result="match"]').count()).toBe(1);
    expect(await result.textContent()).toContain("priorité Urgente");
    await screenshot(page, "rule-test-fr");
    await page.keyboard.press("Escape");
  });

  it("creates a canned reply with a variable, previews it and inserts it in the composer", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/canned`);
    await page.getByTestId("new-canned").click();
    await page.getByTestId("canned-shortcut").fill("bienvenue");
    await page.getByTestId("canned-title").fill("Bienvenue");
    const french = page.getByTestId("canned-body-fr");
    await french.fill("Bonjour ");
    await page.getByTestId("variables-fr").click();
    await page.locator('[data-variable="contact.name-fallback"]').click();
    await french.press("End");
    await french.pressSequentially(", merci de votre message.");
    await page.getByTestId("canned-body-en").fill("Hello ");
    await page.getByTestId("variables-en").click();
    await page.locator('[data-variable="contact.name"]').click();
    expect(await french.inputValue()).toBe(
      "Bonjour {{contact.name | Madame, Monsieur}}, merci de votre message.",
    );
    expect(await page.getByTestId("canned-body-en").inputValue()).toBe("Hello {{contact.name}}");
    await screenshot(page, "canned-form-fr");
    await page.getByTestId("canned-save").click();
    await page.locator("[data-canned-id]", { hasText: "Bienvenue" }).waitFor();

    // The server's search (?q=) finds it by its shortcut.
    await page.getByTestId("canned-search").fill("bienv");
    await waitFor(async () => (await page.locator("[data-canned-id]").count()) === 1);

    // Preview as Bruno would read it: French, his name filled in.
    await page.getByTestId("canned-open").first().click();
    await page.getByTestId("canned-preview-conversation").click();
    await page.getByTestId("canned-preview-conversation").fill("Bruno");
    await pickOption(page, /Bruno Colère/);
    await page.getByTestId("canned-preview-run").click();
    const preview = page.getByTestId("canned-preview-text");
    await preview.waitFor();
    expect(await preview.textContent()).toContain("Bonjour Bruno Colère, merci de votre message.");
    await page.keyboard.press("Escape");

    // In the composer, the picker inserts the rendered reply.
    await page.goto(`${relais.url}/inbox/all/${angryId}`);
    await page.getByTestId("canned-replies").click();
    await page.getByPlaceholder("Chercher par titre ou raccourci").fill("bienvenue");
    await page.getByPlaceholder("Chercher par titre ou raccourci").press("Enter");
    await waitFor(async () =>
      (await page.getByTestId("composer-input").inputValue()).includes(
        "Bonjour Bruno Colère, merci de votre message.",
      ),
    );
    expect(await page.getByTestId("composer-input").inputValue()).not.toContain("{{");
  });

  it("shows an automatic reply as the rule's, and refuses to delete a reply a rule sends", async () => {
    const { page } = browser;
    const reply = (await api.get("/api/v1/canned-replies?q=bienvenue")).body.data[0];
    const rule = await api.post("/api/v1/rules", {
      name: "Accueil automatique",
      trigger: "message.received",
      conditions: [{ type: "text_contains", any: ["horaires"] }],
      actions: [{ type: "reply", cannedReplyId: reply.id }],
    });
    expect(rule.status).toBe(201);
    await customerWrites(relais, seed, "Bonjour, quels sont vos horaires ?", {
      id: "cust-hours",
      name: "Denise Horaire",
    });
    const id = await waitFor(() => conversationOf("Denise Horaire"));
    await page.goto(`${relais.url}/inbox/all/${id}`);
    const automatic = page.locator('.rl-message[data-automation="true"]');
    await automatic.waitFor({ timeout: 20_000 });
    expect(await automatic.getByTestId("automation-badge").textContent()).toBe(
      "Règle · Accueil automatique",
    );
    expect(await automatic.textContent()).toContain("Réponse automatique");
    expect(await automatic.textContent()).toContain("Bonjour Denise Horaire");

    await page.goto(`${relais.url}/settings/canned`);
    await page
      .locator("[data-canned-id]", { hasText: "Bienvenue" })
      .getByTestId("canned-delete")
      .click();
    await page.getByTestId("confirm").click();
    const refused = page.getByTestId("canned-in-use");
    await refused.waitFor();
    expect(await refused.textContent()).toContain("Accueil automatique");
    expect((await api.get(`/api/v1/canned-replies/${reply.id}`)).status).toBe(200);
  });

  it("sets a team to round-robin with a limit, and its business hours", async () => {
    const { page } = browser;
    await page.goto(`${relais.url}/settings/teams`);
    await page.getByPlaceholder("Livraisons").fill("Support Californie");
    await page.getByRole("button", { name: "Créer", exact: true }).click();
    const teamId = await waitFor(
      async () =>
        (await api.get("/api/v1/teams")).body.data.find(
          (team: { name: string }) => team.name === "Support Californie",
        )?.id as string | undefined,
    );
    const card = page.locator(`[data-team-id="${teamId}"]`);
    await card.waitFor();
    await card.getByPlaceholder("Personne pour l’instant").click();
    await pickOption(page, seed.user.name);
    await pickOption(page, seed.colleague.name);
    await page.keyboard.press("Escape");
    await card.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await waitFor(
      async () => (await api.get("/api/v1/teams")).body.data[0]?.memberIds.length === 2,
    );

    await card.getByTestId("open-assignment").click();
    await card.getByTestId("assignment-mode").getByText("À tour de rôle").click();
    // With the keyboard: the switch takes Space like a checkbox.
    await card
      .getByRole("switch", { name: "Limiter les conversations ouvertes par agent" })
      .focus();
    await page.keyboard.press("Space");
    await card.getByTestId("assignment-max").fill("3");
    await card.getByTestId("assignment-save").click();
    await waitFor(
      async () => {
        const assignment = (await api.get(`/api/v1/teams/${teamId}/assignment`)).body.data;
        return assignment.mode === "round_robin" && assignment.maxOpenPerAgent === 3;
      },
      { message: "round-robin saved" },
    );
    expect(await card.locator("[data-member-id]").count()).toBe(2);

    await card.getByTestId("open-hours").click();
    await card.getByTestId("hours-zone").click();
    await card.getByTestId("hours-zone").fill("Los_Angeles");
    await pickOption(page, "America/Los_Angeles");
    await card.locator('[data-day="fri"]').getByRole("checkbox").uncheck();
    await screenshot(page, "team-assignment-fr");
    await card.getByTestId("hours-save").click();
    await waitFor(
      async () => {
        const slots = (
          await api.get(`/api/v1/callback-slots?teamId=${teamId}&timeZone=Europe/Paris&days=14`)
        ).body.data as Array<{ team: { timeZone: string; local: string } }>;
        return (
          slots.length > 0 &&
          slots.every((slot) => slot.team.timeZone === "America/Los_Angeles") &&
          slots.every((slot) => new Date(slot.team.local.slice(0, 10)).getUTCDay() !== 5)
        );
      },
      { message: "business hours in Los Angeles, closed on Fridays" },
    );
  });

  it("labels messages received outside a team's opening hours, chosen in the rule form", async () => {
    const { page } = browser;
    const team = (await api.get("/api/v1/teams")).body.data.find(
      (row: { name: string }) => row.name === "Support Californie",
    ) as { id: string };
    await page.goto(`${relais.url}/settings/rules`);
    await page.getByTestId("new-rule").click();
    const form = page.getByTestId("rule-form");
    await form.waitFor();
    await page.getByTestId("rule-name").fill("Hors horaires Californie");
    await page.getByTestId("add-condition").click();
    const row = form.locator('[data-condition-index="0"]');
    await row.getByTestId("condition-type").click();
    await pickOption(page, "Heures d’ouverture");
    await row.getByTestId("condition-negate").getByText("en dehors de").click();
    await row.getByTestId("business-hours-team").click();
    await pickOption(page, "Support Californie");
    const action = form.locator('[data-action-index="0"]');
    await action.getByTestId("action-type").click();
    await pickOption(page, "Ajouter une étiquette");
    await action.getByPlaceholder("remboursement").fill("hors-horaires");
    await screenshot(page, "rule-business-hours-fr");
    await page.getByTestId("rule-save").click();
    await form.waitFor({ state: "detached" });

    const card = page.locator("[data-rule-id]", { hasText: "Hors horaires Californie" });
    await card.waitFor();
    expect(await card.textContent()).toContain(
      "En dehors des heures d’ouverture de Support Californie",
    );
    const saved = (await api.get("/api/v1/rules")).body.data.find(
      (rule: { name: string }) => rule.name === "Hors horaires Californie",
    );
    expect(saved.conditions).toEqual([{ type: "business_hours", teamId: team.id, negate: true }]);
  });

  it("lets an agent read and test rules and canned replies, not change them", async () => {
    const agent = await openBrowser();
    try {
      const { page } = agent;
      await signIn(page, relais.url, seed.colleague.email, seed.password);
      await page.goto(`${relais.url}/settings/rules`);
      await page.getByTestId("rules-list").locator("[data-rule-id]").first().waitFor();
      expect(await page.getByTestId("new-rule").count()).toBe(0);
      expect(await page.getByTestId("rule-up").count()).toBe(0);
      expect(await page.getByTestId("rule-enabled").first().isDisabled()).toBe(true);
      await page.getByTestId("rule-open").first().click();
      const summary = page.getByTestId("rule-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain("Sentiment est Négatif");
      expect(await page.getByTestId("rule-save").count()).toBe(0);
      await page.getByTestId("rule-test").waitFor();
      await page.keyboard.press("Escape");

      await page.goto(`${relais.url}/settings/canned`);
      await page.locator("[data-canned-id]").first().waitFor();
      expect(await page.getByTestId("new-canned").count()).toBe(0);
      expect(await page.getByTestId("canned-delete").count()).toBe(0);
    } finally {
      await agent.close();
    }
  });

  for (const locale of ["fr", "en"] as const) {
    for (const size of SIZES) {
      it(`screens in ${locale} at ${size.width}×${size.height}`, async () => {
        const { page, problems } = browser;
        await page.setViewportSize(size);
        await useLocale(page, locale);
        await captureSettingsScreens(page, relais.url, locale);
        expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
      });
    }
  }
});
