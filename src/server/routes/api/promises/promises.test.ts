import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createApiChannel } from "../../../../../test/support/factories.ts";
import { startFakeServer } from "../../../../../test/support/fakeServer.ts";
import { apiClient, postSignedHook } from "../../../../../test/support/http.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { waitFor } from "../../../../../test/support/wait.ts";
import { promiseBreaker } from "../../../commands/promiseBreaker.ts";
import { sweepPromisesTask } from "../../../jobs/tasks/promiseDue.ts";

describe("promises: next steps the customer sees, followed up when they come due", {
  timeout: 120_000,
}, () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let receiver: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    relais = await startTestRelais();
    receiver = await startFakeServer();
  }, 180_000);
  afterAll(async () => {
    await relais?.stop();
    await receiver?.close();
  });

  async function setup(contact: { locale: string; timeZone: string }) {
    const { account, token, user } = await createAccount(relais.services);
    const { channel, secret } = await createApiChannel(relais.services, account.id, {
      outboundUrl: `${receiver.url}/out/${account.id}`,
    });
    await postSignedHook(relais.url, channel.id, secret, {
      message: { id: `m-${account.id}`, text: "Ma machine ne démarre plus" },
      contact: { id: `c-${account.id}`, name: "Zoé" },
    });
    const api = apiClient(relais.url, token);
    const conversation = (await api.get("/api/v1/conversations")).body.data[0];
    await relais.services.db
      .updateTable("contacts")
      .set({ locale: contact.locale, time_zone: contact.timeZone })
      .where("account_id", "=", account.id)
      .execute();
    const sent = () => receiver.requests.filter((r) => r.url === `/out/${account.id}`);
    return { accountId: account.id, userId: user.id, api, conversation, sent };
  }

  it("ends the reply with the step in the customer's language and zone, and returns the promise", async () => {
    const { api, conversation, sent, userId } = await setup({
      locale: "en",
      timeZone: "America/Los_Angeles",
    });
    const preview = await api.post(`/api/v1/conversations/${conversation.id}/next-step/preview`, {
      text: "a technician calls you back",
      dueAt: "2030-12-12T22:00:00Z",
    });
    expect(preview.body.data).toEqual({
      sentence:
        "Next step: a technician calls you back — Thursday, December 12 at 2:00 PM (Los Angeles time)",
      language: "en",
      timeZone: "America/Los_Angeles",
    });
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Thanks for your patience.",
      kind: "reply",
      nextStep: {
        text: "a technician calls you back",
        dueAt: "2030-12-12T22:00:00Z",
        followUp: true,
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.text).toBe(
      "Thanks for your patience.\n\nNext step: a technician calls you back — Thursday, December 12 at 2:00 PM (Los Angeles time)",
    );
    expect(reply.body.data.promise).toMatchObject({
      status: "open",
      text: "a technician calls you back",
      dueAt: "2030-12-12T22:00:00.000Z",
      followUp: true,
    });
    const delivered = await waitFor(() => sent()[0], { timeoutMs: 30_000 });
    expect(delivered.json.message.text).toContain("Next step: a technician calls you back");

    const listed = await api.get(`/api/v1/conversations/${conversation.id}/promises`);
    expect(listed.body.data).toHaveLength(1);
    const detail = await api.get(`/api/v1/conversations/${conversation.id}`);
    expect(detail.body.data.openPromise).toMatchObject({ text: "a technician calls you back" });
    const mine = await api.get("/api/v1/promises?status=open&assignee=me");
    expect(mine.status).toBe(200);
    // The preview is the very sentence the customer received.
    expect(reply.body.data.text.endsWith(preview.body.data.sentence)).toBe(true);
    const made = await api.get("/api/v1/promises?status=open&madeBy=me");
    expect(made.body.data).toHaveLength(1);
    expect(made.body.data[0]).toMatchObject({
      madeBy: { id: userId },
      conversation: { number: conversation.number, contactName: "Zoé" },
    });
    const byOther = await api.get(`/api/v1/promises?madeBy=${crypto.randomUUID()}`);
    expect(byOther.body.data).toHaveLength(0);

    const kept = await api.post(`/api/v1/promises/${reply.body.data.promise.id}/keep`, {});
    expect(kept.body.data).toMatchObject({ status: "kept", keptOnTime: true });
    const report = await api.get("/api/v1/reports/promises");
    expect(report.body.data).toEqual({
      made: 1,
      kept: 1,
      keptOnTime: 1,
      broken: 0,
      open: 0,
      keptOnTimeRate: 1,
    });
  });

  it("breaks a promise that comes due unkept: reopens the resolved conversation, tells the customer once", async () => {
    const { accountId, api, conversation, sent } = await setup({
      locale: "fr",
      timeZone: "Europe/Paris",
    });
    const dueAt = new Date(Date.now() + 4000);
    const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Nous nous en occupons.",
      kind: "reply",
      nextStep: { text: "un technicien vous rappelle", dueAt: dueAt.toISOString() },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.text).toContain("Prochaine étape : un technicien vous rappelle — ");
    expect(reply.body.data.text).toContain("(heure de Paris)");
    const resolved = await api.patch(`/api/v1/conversations/${conversation.id}`, {
      status: "resolved",
    });
    expect(resolved.body.data.status).toBe("resolved");

    const broken = await waitFor(
      async () => {
        const list = await api.get(`/api/v1/conversations/${conversation.id}/promises`);
        return list.body.data[0]?.status === "broken" ? list.body.data[0] : null;
      },
      { timeoutMs: 30_000 },
    );
    // Within seconds of its due time, not at the next minute's sweep.
    expect(new Date(broken.brokenAt).getTime() - dueAt.getTime()).toBeLessThan(15_000);
    // A second worker, the sweep and a job run again after a restart all find nothing to do.
    const again = await Promise.all([
      promiseBreaker(relais.services, { accountId, promiseId: broken.id }),
      sweepPromisesTask.run(relais.services, {}, { id: "x", retryCount: 0, retryLimit: 0 }),
    ]);
    expect(again[0]).toBe(false);

    const after = await api.get(`/api/v1/conversations/${conversation.id}`);
    expect(after.body.data.status).toBe("open");
    const followUp = await waitFor(
      () => sent().find((r) => String(r.json?.message?.text).startsWith("Nous vous avions promis")),
      { timeoutMs: 30_000 },
    );
    expect(followUp.json.message.text).toContain("un technicien vous rappelle");
    expect(followUp.json.message.text).toContain("Ce n'est pas encore fait");
    const messages = await api.get(`/api/v1/conversations/${conversation.id}/messages`);
    const followUps = messages.body.data.filter((m: { text: string }) =>
      m.text.startsWith("Nous vous avions promis"),
    );
    expect(followUps).toHaveLength(1);
    const notifications = await api.get("/api/v1/notifications");
    expect(notifications.body.data.map((n: { kind: string }) => n.kind)).toContain(
      "promise_broken",
    );
    const report = await api.get("/api/v1/reports/promises");
    expect(report.body.data).toMatchObject({ made: 1, broken: 1, keptOnTimeRate: 0 });
  });
});
