import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callStatusParams,
  postTwilio,
  startTwilioFake,
  twilioCredentials,
} from "../../../test/fakes/twilio.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { openWidgetSession, widgetPost } from "../routes/widget/testing.ts";
import { bookFromWidget as book, setupCallbacks } from "./testing.ts";

describe("phone callbacks: California team, customer in Paris, calls started through Twilio", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  let twilio: Awaited<ReturnType<typeof startTwilioFake>>;
  const credentials = twilioCredentials();
  const setup = () => setupCallbacks(relais, twilio, credentials);
  const bookFromWidget = (context: Awaited<ReturnType<typeof setup>>) => book(relais, context);

  beforeAll(async () => {
    relais = await startTestRelais();
    twilio = await startTwilioFake(credentials);
  });
  afterAll(async () => {
    await relais?.stop();
    await twilio?.close();
  });

  it("offers slots in the customer's zone within the team's hours, and shows agents both local times", async () => {
    const context = await setup();
    const { slot, callback, message } = await bookFromWidget(context);
    // The same instant, 8:00–17:00 in California, is 16:00–02:00 in Paris (17:00–02:00 in winter).
    expect(slot.team.timeZone).toBe("America/Los_Angeles");
    expect(slot.customer.timeZone).toBe("Europe/Paris");
    const teamHour = Number(slot.team.time.slice(0, 2));
    expect(teamHour).toBeGreaterThanOrEqual(8);
    expect(teamHour).toBeLessThan(17);
    expect(new Date(slot.customer.local).getTime()).toBe(new Date(slot.start).getTime());
    expect(new Date(slot.team.local).getTime()).toBe(new Date(slot.start).getTime());
    const gap = Number(slot.customer.offset.slice(0, 3)) - Number(slot.team.offset.slice(0, 3));
    expect(gap).toBeGreaterThanOrEqual(8);
    expect(gap).toBeLessThanOrEqual(9);
    expect(callback.phone).toBe("+33612345678");
    expect(message.direction).toBe("in");
    expect(message.text).toContain("+33 6 12 34 56 78");

    const listed = (await context.api.get("/api/v1/callbacks")).body.data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      status: "scheduled",
      source: "widget",
      phone: "+33612345678",
      customerTime: { timeZone: "Europe/Paris", local: slot.customer.local },
      teamTime: { timeZone: "America/Los_Angeles", local: slot.team.local },
      agentTime: { timeZone: "America/Los_Angeles" },
      team: { name: "Support Californie" },
    });
    const timeline = (
      await context.api.get(`/api/v1/conversations/${message.conversationId}/messages`)
    ).body.data;
    const note = timeline.find((m: { direction: string }) => m.direction === "note");
    expect(note.text).toContain("Europe/Paris");
    expect(note.text).toContain("America/Los_Angeles");

    // A time outside the team's hours is refused.
    const session = await openWidgetSession(relais.url, context.chat.id);
    const night = new Date(new Date(slot.start).getTime() - 60 * 60_000 * 10).toISOString();
    const refused = await widgetPost(
      relais.url,
      context.chat.id,
      "/callbacks",
      session.body.data.token,
      {
        clientId: "callback-request-2",
        phone: "+33612345679",
        at: night,
        timeZone: "Europe/Paris",
      },
    );
    expect(refused.status).toBe(422);
  });

  it("offers the chosen team's hours, and says so when that team has set none", async () => {
    const context = await setup();
    const { api } = context;
    const paris = (await api.post("/api/v1/teams", { name: "Après-vente Paris" })).body.data;
    const morning = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["09:00", "12:00"]]]),
    );
    await api.put(`/api/v1/teams/${paris.id}/business-hours`, {
      timeZone: "Europe/Paris",
      weekly: morning,
    });
    const livraisons = (await api.post("/api/v1/teams", { name: "Livraisons" })).body.data;
    const slotsOf = (teamId: string) =>
      api.get(`/api/v1/callback-slots?timeZone=Europe/Paris&teamId=${teamId}`);

    const parisSlots = (await slotsOf(paris.id)).body.data;
    expect(parisSlots.length).toBeGreaterThan(0);
    for (const slot of parisSlots) {
      expect(slot.team.timeZone).toBe("Europe/Paris");
      expect(slot.team.time >= "09:00" && slot.team.time < "12:00").toBe(true);
    }
    const california = (await slotsOf(context.team.id)).body.data;
    expect(california[0].team.timeZone).toBe("America/Los_Angeles");

    // Livraisons has no hours of its own: it says so rather than borrowing another team's.
    const none = await slotsOf(livraisons.id);
    expect(none.status).toBe(422);
    expect(none.body.error.id).toBe("team_without_hours");
    const { message } = await bookFromWidget(context);
    const booked = await api.post("/api/v1/callbacks", {
      conversationId: message.conversationId,
      scheduledAt: parisSlots[0].start,
      phone: "+33612345678",
      teamId: livraisons.id,
    });
    expect(booked.status).toBe(422);
    expect(booked.body.error.id).toBe("team_without_hours");
    // Without a team, the account's first team with hours still bounds the slots.
    expect((await api.get("/api/v1/callback-slots")).body.data.length).toBeGreaterThan(0);
  });

  it("starts the call through Twilio's REST API and logs its progress in the same conversation", async () => {
    const context = await setup();
    const { callback, message } = await bookFromWidget(context);
    const started = await context.api.post(`/api/v1/callbacks/${callback.id}/call`);
    expect(started.status).toBe(200);
    expect(started.body.data.status).toBe("calling");

    const [call] = twilio.calls.slice(-1);
    expect(call).toBeDefined();
    const request = call!.request;
    expect(request.url).toBe(`/2010-04-01/Accounts/${credentials.accountSid}/Calls.json`);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`,
    );
    expect(call!.form.get("To")).toBe("+33612345678");
    expect(call!.form.get("From")).toBe("+14155550100");
    expect(call!.form.get("StatusCallback")).toBe(context.hookUrl);
    expect(call!.form.get("StatusCallbackMethod")).toBe("POST");
    expect(call!.form.getAll("StatusCallbackEvent")).toEqual([
      "initiated",
      "ringing",
      "answered",
      "completed",
    ]);
    expect(call!.form.get("Twiml")).toContain('<Say language="fr-FR">');

    const sid = call!.sid;
    const base = {
      accountSid: credentials.accountSid,
      sid,
      from: "+14155550100",
      to: "+33612345678",
    };
    for (const [index, status] of ["ringing", "in-progress"].entries()) {
      const answer = await postTwilio(
        context.hookUrl,
        credentials.authToken,
        callStatusParams({ ...base, status, sequence: index }),
      );
      expect(answer.status).toBe(200);
    }
    const completed = callStatusParams({
      ...base,
      status: "completed",
      duration: 125,
      sequence: 2,
      recordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE1",
    });
    expect((await postTwilio(context.hookUrl, credentials.authToken, completed)).status).toBe(200);
    // Twilio retries a callback it thinks was lost: logged once.
    expect((await postTwilio(context.hookUrl, credentials.authToken, completed)).status).toBe(200);

    const notes = (
      await context.api.get(`/api/v1/conversations/${message.conversationId}/messages`)
    ).body.data.filter((m: { metadata: { call?: unknown } }) => m.metadata.call);
    expect(
      notes.map((m: { metadata: { call: { status: string } } }) => m.metadata.call.status),
    ).toEqual(["queued", "ringing", "in-progress", "completed"]);
    const end = notes.at(-1);
    expect(end.direction).toBe("note");
    expect(end.channel.kind).toBe("phone");
    expect(end.metadata.call).toMatchObject({
      sid,
      duration: 125,
      recordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE1",
      from: "+14155550100",
      to: "+33612345678",
    });
    expect(end.text).toContain("2 min 5 s");
    const after = (await context.api.get("/api/v1/callbacks?status=completed")).body.data;
    expect(after[0]).toMatchObject({
      id: callback.id,
      status: "completed",
      lastCall: { durationSeconds: 125 },
    });

    // The agent's notes on the call are internal notes tied to it.
    const calls = (await context.api.get(`/api/v1/conversations/${message.conversationId}/calls`))
      .body.data;
    expect(calls).toHaveLength(1);
    const noted = await context.api.post(
      `/api/v1/conversations/${message.conversationId}/call-notes`,
      {
        callId: calls[0].id,
        text: "Cliente rassurée : échange du produit accepté.",
      },
    );
    expect(noted.status).toBe(201);
    expect(noted.body.data).toMatchObject({ direction: "note", metadata: { callId: calls[0].id } });
  });

  it("refuses callbacks whose X-Twilio-Signature is wrong, and logs nothing", async () => {
    const context = await setup();
    const { callback, message } = await bookFromWidget(context);
    await context.api.post(`/api/v1/callbacks/${callback.id}/call`);
    const sid = twilio.calls.at(-1)!.sid;
    const params = callStatusParams({
      accountSid: credentials.accountSid,
      sid,
      status: "ringing",
      from: "+14155550100",
      to: "+33612345678",
    });
    const forged = await postTwilio(context.hookUrl, "wrong-token-0000", params);
    expect(forged.status).toBe(401);
    const otherUrl = await postTwilio(context.hookUrl, credentials.authToken, params, {
      signedUrl: "https://attacker.example/hooks/x",
    });
    expect(otherUrl.status).toBe(401);
    const unsigned = await fetch(context.hookUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(401);
    const timeline = (
      await context.api.get(`/api/v1/conversations/${message.conversationId}/messages`)
    ).body.data;
    expect(
      timeline.some(
        (m: { metadata: { call?: { status: string } } }) => m.metadata.call?.status === "ringing",
      ),
    ).toBe(false);
    expect((await postTwilio(context.hookUrl, credentials.authToken, params)).status).toBe(200);
  });
});
