import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel, createUser } from "../../../test/support/factories.ts";
import { type RecordedRequest, startFakeServer } from "../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../test/support/http.ts";
import { useTestRelais } from "../../../test/support/useRelais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { EventPayload } from "../../shared/events.ts";
import { DEFAULT_SURVEY_SETTINGS } from "../../shared/surveys.ts";
import { surveyAsker } from "./asker.ts";
import { resolutionRecorder } from "./resolutions.ts";

describe("surveys asked after a resolution", { timeout: 120_000 }, () => {
  const relais = useTestRelais();
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    receiver = await startFakeServer();
    receiver.respondWith(() => ({ status: 200, body: {} }));
  });
  afterAll(async () => receiver?.close());

  /** A customer's conversation on an API channel whose replies reach the fake receiver. */
  async function customerConversation(text: string, settings = {}) {
    const { account, token } = await createAccount(relais().services);
    const path = `/${account.id}`;
    const { channel, secret } = await createApiChannel(relais().services, account.id, {
      outboundUrl: `${receiver.url}${path}`,
    });
    const api = apiClient(relais().url, token);
    await api.put("/api/v1/surveys/settings", {
      ...DEFAULT_SURVEY_SETTINGS,
      enabled: true,
      ...settings,
    });
    let n = 0;
    const say = (message: string) =>
      postSignedHook(relais().url, channel.id, secret, {
        message: { id: `in-${++n}-${Date.now()}`, text: message },
        contact: { id: "customer-1", name: "Camille" },
      });
    await say(text);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    const resolve = () =>
      api.patch(`/api/v1/conversations/${conversation.id}`, { status: "resolved" });
    const received = () =>
      receiver.requests.filter((request: RecordedRequest) => request.url === path);
    const surveys = () => received().filter((request) => request.json?.message?.survey);
    const resolutions = () =>
      relais()
        .services.db.selectFrom("resolutions")
        .selectAll()
        .where("account_id", "=", account.id)
        .orderBy("resolved_at")
        .execute();
    return { account, api, conversation, say, resolve, surveys, resolutions };
  }

  it("asks once per resolution on the customer's channel, with a link, and reads a reply '6' as the CES", async () => {
    const c = await customerConversation(
      "Bonjour, mon colis n'est pas arrivé, pouvez-vous vérifier ?",
    );
    await c.api.post(`/api/v1/conversations/${c.conversation.id}/messages`, {
      text: "Il arrive demain.",
      kind: "reply",
    });
    expect((await c.resolve()).status).toBe(200);

    const [request] = await waitFor(() => (c.surveys().length ? c.surveys() : null));
    const body = request?.json;
    const survey = body.message.survey;
    expect(survey.language).toBe("fr");
    expect(survey.questions.map((q: { kind: string }) => q.kind)).toEqual(["ces", "csat"]);
    expect(survey.questions[0].links).toHaveLength(7);
    expect(survey.url).toMatch(/\/s\/srv_[0-9a-f]{32}_/);
    expect(body.message.text).toContain("de 1 (Pas du tout d'accord) à 7");

    const [resolution] = await c.resolutions();
    expect(resolution).toMatchObject({ survey_status: "sent", contacts: 1, channel_switch: false });

    // The same resolution processed again (a redelivered event, a job run twice): nothing new.
    await resolutionRecorder(relais().services, {
      accountId: c.account.id,
      conversationId: c.conversation.id,
    });
    await surveyAsker(relais().services, {
      accountId: c.account.id,
      resolutionId: resolution?.id as string,
    });
    expect(await c.resolutions()).toHaveLength(1);
    const messages = (await c.api.get(`/api/v1/conversations/${c.conversation.id}/messages`)).body
      .data;
    expect(messages.filter((m: any) => m.text.includes("/s/srv_"))).toHaveLength(1);

    // "6" answers the CES and leaves the conversation resolved.
    await c.say("6");
    const answered = await waitFor(async () => {
      const [row] = await c.resolutions();
      return row?.ces === 6 ? row : null;
    });
    expect(answered).toMatchObject({ ces: 6, csat: null, answer_source: "reply" });
    const after = (await c.api.get(`/api/v1/conversations/${c.conversation.id}`)).body.data;
    expect(after.status).toBe("resolved");

    // The page then records the rest, once.
    const url = new URL(survey.url);
    const post = (body: unknown) =>
      fetch(`${relais().url}${url.pathname}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const first = await post({ csat: 4, comment: "Rapide, merci" });
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).data).toMatchObject({ ces: 6, csat: 4 });
    const again = await post({ csat: 1 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.id).toBe("survey_answered");
    const [final] = await c.resolutions();
    expect(final).toMatchObject({ survey_status: "answered", ces: 6, csat: 4 });
  });

  it("sends nothing when the conversation reopens before the delay", async () => {
    const c = await customerConversation("Hello, my parcel has not arrived", { delayMinutes: 60 });
    await c.resolve();
    const [pending] = await waitFor(async () => {
      const rows = await c.resolutions();
      return rows.length ? rows : null;
    });
    expect(pending?.survey_status).toBe("pending");
    await c.api.patch(`/api/v1/conversations/${c.conversation.id}`, { status: "open" });
    const skipped = await waitFor(async () => {
      const [row] = await c.resolutions();
      return row?.survey_status === "skipped" ? row : null;
    });
    expect(skipped.survey_reason).toBe("reopened");
    expect(skipped.reopened_at).not.toBeNull();
    // The delayed job comes due: it asks nothing.
    await surveyAsker(relais().services, { accountId: c.account.id, resolutionId: skipped.id });
    expect(c.surveys()).toHaveLength(0);
  });

  it("asks a customer at most once per minDaysBetweenSurveys", async () => {
    const c = await customerConversation("Hello, where is my order?");
    await c.resolve();
    await waitFor(() => (c.surveys().length ? true : null));
    await c.say("Actually, another question about my invoice please");
    await c.resolve();
    const second = await waitFor(async () => {
      const rows = await c.resolutions();
      return rows[1]?.survey_status === "skipped" ? rows[1] : null;
    });
    expect(second.survey_reason).toMatch(/less than 14 days/);
    expect(c.surveys()).toHaveLength(1);
  });

  it("never asks in public: a conversation that is only a public thread gets no survey, with the reason", async () => {
    const c = await customerConversation("@Shop mon colis est en retard !");
    await relais()
      .services.db.updateTable("conversations")
      .set({ visibility: "public" })
      .where("account_id", "=", c.account.id)
      .where("id", "=", c.conversation.id)
      .execute();
    await c.resolve();
    const skipped = await waitFor(async () => {
      const [row] = await c.resolutions();
      return row?.survey_status === "skipped" ? row : null;
    });
    expect(skipped.survey_reason).toMatch(/public thread/);
    expect(c.surveys()).toHaveLength(0);
  });

  it("runs the low-score rules: reopen, label and assign to a supervisor; a good score does not", async () => {
    const c = await customerConversation("Mon colis est arrivé cassé, c'est la troisième fois.");
    const supervisor = await createUser(relais().services, c.account.id, "supervisor");
    const rule = await c.api.post("/api/v1/rules", {
      name: "CES bas : rouvrir",
      trigger: "survey.low_score",
      actions: [
        { type: "reopen" },
        { type: "add_label", label: "effort-élevé" },
        { type: "assign_user", userId: supervisor.id },
      ],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    await c.api.post(`/api/v1/conversations/${c.conversation.id}/messages`, {
      text: "Nous renvoyons un colis.",
      kind: "reply",
    });
    await c.resolve();
    await waitFor(() => (c.surveys().length ? c.surveys() : null));

    // "2" is a CES at or below the threshold (3): the rule reopens the conversation.
    await c.say("2");
    const reopened = await waitFor(async () => {
      const row = (await c.api.get(`/api/v1/conversations/${c.conversation.id}`)).body.data;
      return row.status === "open" ? row : null;
    });
    expect(reopened.labels).toContain("effort-élevé");
    expect(reopened.assignee?.id ?? reopened.assigneeId).toBe(supervisor.id);
    const [resolution] = await c.resolutions();
    expect(resolution).toMatchObject({ ces: 2, answer_source: "reply" });
    const notices = await relais()
      .services.db.selectFrom("events")
      .select("payload")
      .where("account_id", "=", c.account.id)
      .where("name", "=", "notification.created")
      .execute();
    const low = notices
      .map((n) => n.payload as EventPayload)
      .find((payload) => payload.changes?.includes("survey.low_score"));
    expect(low?.text).toBeUndefined();
    expect(low).toMatchObject({
      notificationKind: "survey_low_score",
      params: { scores: "CES 2/7" },
    });
    expect(low?.userIds).toContain(supervisor.id);

    // A good score on another conversation: the rule does not act.
    const good = await customerConversation("Où en est ma commande ?");
    await good.api.post("/api/v1/rules", {
      name: "CES bas",
      trigger: "survey.low_score",
      actions: [{ type: "reopen" }],
    });
    await good.api.post(`/api/v1/conversations/${good.conversation.id}/messages`, {
      text: "Elle part aujourd'hui.",
      kind: "reply",
    });
    await good.resolve();
    await waitFor(() => (good.surveys().length ? good.surveys() : null));
    await good.say("7");
    await waitFor(async () => ((await good.resolutions())[0]?.ces === 7 ? true : null));
    const runs = await relais()
      .services.db.selectFrom("rule_runs")
      .select("rule_id")
      .where("account_id", "=", good.account.id)
      .execute();
    expect(runs).toHaveLength(0);
    const after = (await good.api.get(`/api/v1/conversations/${good.conversation.id}`)).body.data;
    expect(after.status).toBe("resolved");
  });
});
