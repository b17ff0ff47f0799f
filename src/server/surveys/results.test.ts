import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { mintToken } from "../crypto/tokens.ts";
import { SURVEY_TOKEN_PREFIX } from "./asker.ts";

describe("survey answers, public page and effort figures", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  /** An account with one conversation (surveys off: the test writes the resolutions). */
  async function setup() {
    const { account, token } = await createAccount(relais().services);
    const { channel, secret } = await createApiChannel(relais().services, account.id);
    await postSignedHook(relais().url, channel.id, secret, {
      message: { id: "in-1", text: "Bonjour, ma commande est en retard" },
      contact: { id: "customer" },
    });
    const db = relais().services.db;
    const conversation = await db
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    const insert = (at: string, values: Record<string, unknown> = {}) =>
      db
        .insertInto("resolutions")
        .values({
          account_id: account.id,
          conversation_id: conversation.id,
          contact_id: conversation.contact_id,
          channel_id: channel.id,
          resolved_at: new Date(at),
          ...values,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    return { account, token, channel, conversation, api: apiClient(relais().url, token), insert };
  }

  /** A survey sent now, with its token. */
  async function sentSurvey(
    s: Awaited<ReturnType<typeof setup>>,
    language: "fr" | "en",
    expiresInDays = 30,
  ) {
    const { token, hash } = mintToken(SURVEY_TOKEN_PREFIX, s.account.id);
    const row = await s.insert(new Date().toISOString(), {
      survey_status: "sent",
      survey_language: language,
      survey_ask: sql`array['ces','csat']::text[]`,
      token_hash: hash,
      sent_at: new Date(),
      expires_at: new Date(Date.now() + expiresInDays * 86_400_000),
    });
    return { token, row, url: `${relais().url}/s/${token}` };
  }

  it("computes the effort figures of a small hand-computed set", async () => {
    const s = await setup();
    const answered = { survey_status: "answered", sent_at: new Date(), answered_at: new Date() };
    await s.insert("2026-11-02T10:00:00Z", { contacts: 1, ...answered, ces: 7, csat: 5 });
    await s.insert("2026-11-03T10:00:00Z", {
      contacts: 2,
      reopened_at: new Date("2026-11-04T10:00:00Z"),
      ...answered,
      ces: 3,
      csat: 2,
    });
    await s.insert("2026-11-05T10:00:00Z", {
      contacts: 3,
      channel_switch: true,
      survey_status: "sent",
      sent_at: new Date(),
    });
    await s.insert("2026-11-06T10:00:00Z", { contacts: 1, survey_status: "skipped" });
    // Outside the period.
    await s.insert("2026-10-01T10:00:00Z", { contacts: 9, ...answered, ces: 1 });

    const report = await s.api.get("/api/v1/reports/effort?from=2026-11-01&to=2026-12-01");
    expect(report.status).toBe(200);
    expect(report.body.data).toEqual({
      ces: {
        mean: 5,
        responses: 2,
        distribution: { "1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0, "7": 1 },
      },
      csat: { mean: 3.5, responses: 2, satisfiedRate: 0.5 },
      responseRate: 0.6667,
      contactsPerResolution: { mean: 1.75, median: 1.5 },
      firstContactResolutionRate: 0.5,
      reopenRate: 0.25,
      channelSwitchRate: 0.25,
      resolutions: 4,
      repeatRate: 0,
    });
    const otherChannel = "00000000-0000-4000-8000-000000000000";
    const none = await s.api.get(`/api/v1/reports/effort?channelId=${otherChannel}`);
    expect(none.body.data.resolutions).toBe(0);
    expect(none.body.data.ces.mean).toBeNull();

    const responses = await s.api.get("/api/v1/surveys/responses?limit=2");
    expect(responses.body.data).toHaveLength(2);
    expect(responses.body.nextCursor).toBeTruthy();
    const next = await s.api.get(
      `/api/v1/surveys/responses?limit=2&cursor=${responses.body.nextCursor}`,
    );
    expect(next.body.data).toHaveLength(1);
    expect(next.body.data[0]).toMatchObject({ conversationId: s.conversation.id });

    const agent = await createUser(relais().services, s.account.id, "agent");
    expect((await apiClient(relais().url, agent.token).get("/api/v1/reports/effort")).status).toBe(
      403,
    );
  });

  it("serves the survey page in the customer's language without JavaScript, one answer per token", async () => {
    const s = await setup();
    const fr = await sentSurvey(s, "fr");
    const page = await fetch(fr.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("L&#39;entreprise m&#39;a facilité le traitement de ma demande.");
    expect(html).toContain(`<form method="post" action="/s/${fr.token}">`);
    expect(html).not.toContain("<script");
    expect(html.match(/name="ces"/g)).toHaveLength(7);
    expect(html.match(/name="csat"/g)).toHaveLength(5);

    // A one-click link from the message records its score, and leaves the form open.
    const clicked = await (await fetch(`${fr.url}?ces=5`)).text();
    expect(clicked).toContain("Votre note est enregistrée");
    expect(clicked).toContain('value="5" checked');

    // The form, as a browser without JavaScript posts it.
    const posted = await fetch(fr.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ces: "6", csat: "4", comment: "Très bien" }).toString(),
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("Merci, votre réponse est enregistrée.");
    const row = await relais()
      .services.db.selectFrom("resolutions")
      .selectAll()
      .where("account_id", "=", s.account.id)
      .where("id", "=", fr.row.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ survey_status: "answered", ces: 6, csat: 4, comment: "Très bien" });

    const twice = await fetch(fr.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ces=1",
    });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("Vous avez déjà répondu");
    expect((await fetch(fr.url)).status).toBe(409);

    const detail = await s.api.get(`/api/v1/conversations/${s.conversation.id}`);
    expect(detail.body.data.survey).toMatchObject({ status: "answered", ces: 6, csat: 4 });

    const en = await sentSurvey(s, "en");
    const english = await (await fetch(en.url)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain("The company made it easy to handle my issue.");

    const expired = await sentSurvey(s, "en", -1);
    expect((await fetch(expired.url)).status).toBe(410);
    const forged = `${relais().url}/s/${SURVEY_TOKEN_PREFIX}_${s.account.id.replaceAll("-", "")}_${"a".repeat(43)}`;
    expect((await fetch(forged)).status).toBe(404);
  });
});
