import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";
import { DEFAULT_SURVEY_SETTINGS } from "../../../../shared/surveys.ts";

describe("/api/v1/surveys/settings", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("serves the defaults in French and English, then what an admin saves", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);

    const initial = await api.get("/api/v1/surveys/settings");
    expect(initial.status).toBe(200);
    expect(initial.body.data).toMatchObject({
      enabled: false,
      ask: ["ces", "csat"],
      delayMinutes: 0,
      minDaysBetweenSurveys: 14,
      skipIf: {},
    });
    expect(initial.body.data.questions.en.ces).toBe("The company made it easy to handle my issue.");
    expect(initial.body.data.questions.fr.ces).toMatch(/facilité/);
    expect(initial.body.data.channelKinds).toContain("whatsapp");

    const changed = {
      ...DEFAULT_SURVEY_SETTINGS,
      ask: ["ces"],
      delayMinutes: 30,
      channelKinds: ["email", "chat"],
      skipIf: { categories: ["suggestion"], labels: ["vip"] },
      minDaysBetweenSurveys: 7,
      questions: {
        ...DEFAULT_SURVEY_SETTINGS.questions,
        en: { ...DEFAULT_SURVEY_SETTINGS.questions.en, intro: "All done! One question:" },
      },
    };
    const saved = await api.put("/api/v1/surveys/settings", changed);
    expect(saved.status).toBe(200);
    expect((await api.get("/api/v1/surveys/settings")).body.data).toEqual(changed);

    const audit = await relais()
      .services.db.selectFrom("audit_log")
      .select("action")
      .where("account_id", "=", account.id)
      .where("action", "=", "survey_settings.update")
      .execute();
    expect(audit).toHaveLength(1);

    // Another account still has the defaults.
    const other = await createAccount(relais().services);
    const theirs = await apiClient(relais().url, other.token).get("/api/v1/surveys/settings");
    expect(theirs.body.data.delayMinutes).toBe(0);
  });

  it("refuses invalid settings and non-admins", async () => {
    const { account, token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const invalid = await api.put("/api/v1/surveys/settings", {
      ...DEFAULT_SURVEY_SETTINGS,
      ask: [],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.id).toBeTruthy();

    const agent = await createUser(relais().services, account.id, "agent");
    const asAgent = apiClient(relais().url, agent.token);
    expect((await asAgent.get("/api/v1/surveys/settings")).status).toBe(403);
    expect((await asAgent.put("/api/v1/surveys/settings", DEFAULT_SURVEY_SETTINGS)).status).toBe(
      403,
    );
  });
});
