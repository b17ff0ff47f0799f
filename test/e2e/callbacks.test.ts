import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import type { Channel } from "../../src/server/db/schema.ts";
import {
  callSid,
  callStatusParams,
  incomingCallParams,
  postTwilio,
  startTwilioFake,
  twilioCredentials,
} from "../fakes/twilio.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { pickOption, SIZES, settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

const WEEKDAYS_8_TO_17 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [["08:00", "17:00"]]]),
);

/** "18:00": an instant on a zone's clock, as the server writes LocalTime.time. */
function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

interface ApiCallback {
  id: string;
  status: string;
  phone: string;
  scheduledAt: string;
  customerTime: { timeZone: string; time: string };
  teamTime: { timeZone: string; time: string };
  agentTime: { timeZone: string; time: string };
  assignee: { id: string } | null;
}

/**
 * A French customer and a Californian team: the agent books a callback on the customer's clock,
 * reads both clocks side by side, reschedules, calls through Twilio (faked at its HTTP API),
 * sees the call in the timeline and writes notes on it, then cancels and reassigns.
 */
describe("callbacks in Chromium: a customer in Paris, a team in Los Angeles", () => {
  let relais: WebRelais;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let twilio: Awaited<ReturnType<typeof startTwilioFake>>;
  let phone: Channel;
  let teamId = "";
  let conversationId = "";
  const credentials = twilioCredentials();

  const callbacks = async (status = "scheduled,calling,to_reschedule,completed,cancelled") =>
    (await api.get(`/api/v1/callbacks?status=${status}`)).body.data as ApiCallback[];

  beforeAll(async () => {
    twilio = await startTwilioFake(credentials);
    relais = await startWebRelais();
    seed = await seedAccount(relais);
    api = apiClient(relais.url, seed.token);
    // The agent works from California, like the team.
    await api.patch(`/api/v1/users/${seed.user.id}`, { timeZone: "America/Los_Angeles" });
    const team = await api.post("/api/v1/teams", {
      name: "Support Californie",
      memberIds: [seed.user.id],
    });
    teamId = team.body.data.id;
    // A team without hours of its own: choosing it must say so, not borrow California's.
    await api.post("/api/v1/teams", { name: "Livraisons" });
    const hours = await api.put(`/api/v1/teams/${teamId}/business-hours`, {
      timeZone: "America/Los_Angeles",
      weekly: WEEKDAYS_8_TO_17,
    });
    expect(hours.status).toBe(200);
    phone = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: seed.account.id,
      kind: "phone",
      name: "Téléphone",
      config: {
        accountSid: credentials.accountSid,
        from: "+1 415 555 0100",
        apiUrl: twilio.url,
        publicUrl: relais.url,
      },
      secrets: { authToken: credentials.authToken },
    });
    await customerWrites(relais, seed, "Bonjour, pouvez-vous me rappeler pour ma commande ?", {
      id: "cust-lea",
      name: "Léa Dupont",
    });
    conversationId = await waitFor(
      async () => (await api.get("/api/v1/conversations")).body.data[0]?.id as string | undefined,
    );
    browser = await openBrowser({ timezoneId: "America/Los_Angeles" });
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await twilio?.close();
  });

  /** Opens the booking form of the conversation, with Paris and the Californian team chosen. */
  /**
   * The picker opens on the customer's first day with a free time, which late in the team's day
   * holds one or two: tests that need several take the next day, always a whole one.
   */
  async function showWholeDay(container: Locator) {
    const days = container.locator('[data-testid="slot-picker"] .mantine-SegmentedControl-label');
    if ((await days.count()) > 1) await days.nth(1).click();
    await container.locator(".rl-slot").nth(2).waitFor();
  }

  async function openBooking(page: Page) {
    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    await page.getByTestId("book-callback-open").click();
    const form = page.getByTestId("book-callback");
    await form.waitFor();
    await page.getByTestId("callback-phone").fill("+33 6 12 34 56 78");
    await page.getByTestId("callback-zone").click();
    await page.getByTestId("callback-zone").fill("Europe/Par");
    await pickOption(page, "Europe/Paris");
    await page.getByTestId("callback-team").click();
    await pickOption(page, "Support Californie");
    await form.locator(".rl-slot").first().waitFor();
    return form;
  }

  it("books a callback on the customer's clock and shows the agent's beside it", async () => {
    const { page } = browser;
    const form = await openBooking(page);
    await page.getByTestId("callback-team").click();
    await pickOption(page, "Livraisons");
    const noHours = form.getByTestId("slots-error");
    await noHours.waitFor();
    expect(await noHours.textContent()).toContain("n’a pas défini ses horaires");
    expect(await form.locator(".rl-slot").count()).toBe(0);
    await screenshot(page, "callback-team-without-hours-fr");
    await page.getByTestId("callback-team").click();
    await pickOption(page, "Support Californie");
    await form.locator(".rl-slot").first().waitFor();
    const slot = form.locator(".rl-slot").first();
    const start = (await slot.getAttribute("data-slot")) ?? "";
    await slot.click();
    const chosen = page.getByTestId("chosen-slot");
    await chosen.waitFor();
    const customer = chosen.getByTestId("customer-time");
    const agent = chosen.getByTestId("agent-time");
    expect(await customer.getAttribute("data-zone")).toBe("Europe/Paris");
    expect(await agent.getAttribute("data-zone")).toBe("America/Los_Angeles");
    const paris = clock(start, "Europe/Paris");
    const california = clock(start, "America/Los_Angeles");
    expect(paris).not.toBe(california);
    expect(await customer.locator("[data-clock-time]").getAttribute("data-clock-time")).toBe(paris);
    expect(await agent.locator("[data-clock-time]").getAttribute("data-clock-time")).toBe(
      california,
    );
    expect(await customer.textContent()).toContain("Paris");
    expect(await agent.textContent()).toContain("Los Angeles");
    await screenshot(page, "callback-book-fr");
    await page.getByTestId("callback-book").click();
    await form.waitFor({ state: "detached" });

    const [booked] = await callbacks();
    expect(booked).toMatchObject({
      status: "scheduled",
      phone: "+33612345678",
      scheduledAt: start,
      customerTime: { timeZone: "Europe/Paris", time: paris },
      teamTime: { timeZone: "America/Los_Angeles", time: california },
      agentTime: { timeZone: "America/Los_Angeles", time: california },
    });
  });

  it("lists the callback with the customer's and the agent's local times side by side", async () => {
    const { page } = browser;
    const [booked] = await callbacks();
    await page.getByTestId("nav-callbacks").click();
    const card = page.locator(`[data-callback-id="${booked?.id}"]`);
    await card.waitFor();
    expect(await page.getByTestId("callback-count").textContent()).toBe("1");
    const customer = card.getByTestId("customer-time");
    const agent = card.getByTestId("agent-time");
    expect(await customer.getAttribute("data-zone")).toBe("Europe/Paris");
    expect(await agent.getAttribute("data-zone")).toBe("America/Los_Angeles");
    expect(await customer.locator("[data-clock-time]").getAttribute("data-clock-time")).toBe(
      booked?.customerTime.time,
    );
    expect(await agent.locator("[data-clock-time]").getAttribute("data-clock-time")).toBe(
      booked?.agentTime.time,
    );
    // The team is in the agent's zone: two clocks, not three.
    expect(await card.getByTestId("team-time").count()).toBe(0);
    expect(await card.getByTestId("callback-status").textContent()).toBe("Programmé");
    await screenshot(page, "callbacks-fr");
  });

  it("reschedules to another free time, offered in the customer's zone", async () => {
    const { page } = browser;
    const [before] = await callbacks();
    const card = page.locator(`[data-callback-id="${before?.id}"]`);
    await card.getByTestId("callback-more").click();
    await page.getByTestId("callback-reschedule").click();
    const dialog = page.getByTestId("reschedule");
    await dialog.locator(".rl-slot").first().waitFor();
    await showWholeDay(dialog);
    const slot = dialog.locator(".rl-slot").nth(1);
    const start = (await slot.getAttribute("data-slot")) ?? "";
    expect(start).not.toBe(before?.scheduledAt);
    await slot.click();
    await page.getByTestId("reschedule-save").click();
    await dialog.waitFor({ state: "detached" });
    await waitFor(async () => (await callbacks())[0]?.scheduledAt === start, {
      message: "rescheduled",
    });
    const [after] = await callbacks();
    expect(after?.customerTime).toMatchObject({
      timeZone: "Europe/Paris",
      time: clock(start, "Europe/Paris"),
    });
  });

  it("calls the customer, logs the call as a card and takes notes on it", async () => {
    const { page } = browser;
    const [callback] = await callbacks();
    await page.locator(`[data-callback-id="${callback?.id}"]`).getByTestId("callback-call").click();
    await waitFor(() => twilio.calls.length === 1, { message: "Twilio asked to call" });
    expect(twilio.calls[0]?.form.get("To")).toBe("+33612345678");
    const sid = twilio.calls[0]?.sid ?? "";
    const base = {
      accountSid: credentials.accountSid,
      sid,
      from: "+14155550100",
      to: "+33612345678",
    };
    const hook = `${relais.url}/hooks/${phone.id}`;
    await postTwilio(
      hook,
      credentials.authToken,
      callStatusParams({ ...base, status: "in-progress" }),
    );
    await postTwilio(
      hook,
      credentials.authToken,
      callStatusParams({
        ...base,
        status: "completed",
        duration: 185,
        sequence: 2,
        recordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${credentials.accountSid}/Recordings/RE1`,
      }),
    );
    await waitFor(async () => (await callbacks())[0]?.status === "completed", {
      message: "callback completed",
    });

    await page.goto(`${relais.url}/inbox/all/${conversationId}`);
    const completed = page.locator('[data-testid="call-card"][data-call-status="completed"]');
    await completed.waitFor();
    expect(await completed.textContent()).toContain("Appel sortant");
    expect(await completed.getByTestId("call-duration").textContent()).toMatch(/3\s*min\s*5\s*s/);
    expect(await completed.getByTestId("call-recording").getAttribute("href")).toContain(
      "/Recordings/RE1",
    );
    await completed.getByTestId("call-note-open").click();
    await page.getByTestId("call-note-text").fill("Client rappelé : remboursement confirmé.");
    await page.getByTestId("call-note-save").click();
    const note = page.locator(".rl-message", { hasText: "remboursement confirmé" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Notes d’appel");
    const messages = (await api.get(`/api/v1/conversations/${conversationId}`)).body.data.messages;
    const saved = messages.find((message: { text: string }) =>
      message.text.includes("remboursement confirmé"),
    );
    const calls = (await api.get(`/api/v1/conversations/${conversationId}/calls`)).body.data;
    expect(saved.metadata.callId).toBe(calls[0].id);
    await screenshot(page, "callback-call-card-fr");
  });

  it("takes notes on an incoming call, whose message knows only Twilio's sid", async () => {
    const { page } = browser;
    const sid = callSid();
    const answer = await postTwilio(
      `${relais.url}/hooks/${phone.id}`,
      credentials.authToken,
      incomingCallParams({
        accountSid: credentials.accountSid,
        sid,
        from: "+33612345678",
        to: "+14155550100",
      }),
    );
    expect(answer.status).toBe(200);
    const phoneConversation = await waitFor(async () => {
      const list = (await api.get("/api/v1/conversations?limit=50")).body.data as Array<{
        id: string;
        channel: { kind: string } | null;
      }>;
      return list.find((item) => item.channel?.kind === "phone")?.id;
    });
    await waitFor(
      async () =>
        (await api.get(`/api/v1/conversations/${phoneConversation}/calls`)).body.data.length === 1,
    );
    await page.goto(`${relais.url}/inbox/all/${phoneConversation}`);
    const card = page.locator('[data-testid="call-card"]').first();
    await card.waitFor();
    expect(await card.textContent()).toContain("Appel entrant");
    await card.getByTestId("call-note-open").click();
    await page.getByTestId("call-note-text").fill("Appel entrant : question sur la livraison.");
    await page.getByTestId("call-note-save").click();
    await page.locator(".rl-message", { hasText: "question sur la livraison" }).waitFor();
    const calls = (await api.get(`/api/v1/conversations/${phoneConversation}/calls`)).body.data;
    const notes = (await api.get(`/api/v1/conversations/${phoneConversation}`)).body.data.messages;
    const note = notes.find((message: { text: string }) => message.text.includes("livraison"));
    expect(note.metadata.callId).toBe(
      calls.find((call: { direction: string }) => call.direction === "inbound").id,
    );
  });

  it("cancels a callback and reassigns another", async () => {
    const { page } = browser;
    const slots = (await api.get(`/api/v1/callback-slots?timeZone=Europe/Paris&teamId=${teamId}`))
      .body.data as Array<{ start: string }>;
    for (const slot of slots.slice(0, 2)) {
      const created = await api.post("/api/v1/callbacks", {
        conversationId,
        scheduledAt: slot.start,
        phone: "+33612345678",
        timeZone: "Europe/Paris",
        teamId,
        notifyCustomer: false,
      });
      expect(created.status).toBe(201);
    }
    const [first, second] = await callbacks("scheduled");
    await page.goto(`${relais.url}/callbacks`);
    const card = page.locator(`[data-callback-id="${first?.id}"]`);
    await card.getByTestId("callback-more").click();
    await page.getByTestId("callback-cancel").click();
    await page.getByTestId("confirm").click();
    await card.waitFor({ state: "detached" });
    expect((await callbacks("cancelled")).map((callback) => callback.id)).toContain(first?.id);

    const other = page.locator(`[data-callback-id="${second?.id}"]`);
    await other.getByTestId("callback-assignee").click();
    await pickOption(page, seed.colleague.name);
    await waitFor(
      async () =>
        (await callbacks("scheduled")).find((callback) => callback.id === second?.id)?.assignee
          ?.id === seed.colleague.id,
      { message: "reassigned" },
    );

    await page.getByTestId("callbacks-scope").getByText("Terminés").click();
    await page.locator(`[data-callback-id="${first?.id}"][data-status="cancelled"]`).waitFor();
  });

  for (const locale of ["fr", "en"] as const) {
    for (const size of SIZES) {
      it(`screens in ${locale} at ${size.width}×${size.height}`, async () => {
        const { page, problems } = browser;
        await page.setViewportSize(size);
        await useLocale(page, locale);
        await page.goto(`${relais.url}/callbacks`);
        await page.locator("[data-callback-id]").first().waitFor();
        await capture(page, `callbacks-${locale}`);

        await showWholeDay(await openBooking(page));
        await page.getByTestId("book-callback").locator(".rl-slot").nth(2).click();
        await page.getByTestId("chosen-slot").waitFor();
        await capture(page, `callback-book-${locale}`);
        await page.keyboard.press("Escape");

        await page.goto(`${relais.url}/inbox/all/${conversationId}`);
        const completed = page.locator('[data-testid="call-card"][data-call-status="completed"]');
        await completed.waitFor();
        await completed.scrollIntoViewIfNeeded();
        await settle(page);
        await screenshot(page, `conversation-calls-${locale}`);
        expect(problems.filter((problem) => problem.startsWith("pageerror"))).toEqual([]);
      });
    }
  }
});
