import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callSid,
  callStatusParams,
  incomingCallParams,
  postTwilio,
  startTwilioFake,
  twilioCredentials,
} from "../../../test/fakes/twilio.ts";
import { createApiChannel } from "../../../test/support/factories.ts";
import { postSignedHook } from "../../../test/support/http.ts";
import { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import { openLiveSocket, visitorSocketUrl } from "../routes/widget/testing.ts";
import { callbackReminder } from "./reminders.ts";
import { bookFromWidget as book, setupCallbacks } from "./testing.ts";

describe("phone calls: incoming calls, missed callbacks, reminders", () => {
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

  it("attaches an incoming call to the customer known by that number (E.164)", async () => {
    const context = await setup();
    const shop = await createApiChannel(relais.services, context.account.id);
    await postSignedHook(relais.url, shop.channel.id, shop.secret, {
      message: { id: "o-1", text: "Ma commande ?" },
      contact: { id: "cust-9", name: "Élodie Martin", phone: "+33 6 12 34 56 78" },
    });
    const [earlier] = (await context.api.get("/api/v1/conversations")).body.data;
    const sid = callSid();
    const answer = await postTwilio(
      context.hookUrl,
      credentials.authToken,
      incomingCallParams({
        accountSid: credentials.accountSid,
        sid,
        from: "+33612345678",
        to: "+14155550100",
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.type).toContain("text/xml");
    expect(answer.text).toContain("<Response>");
    const conversations = (
      await context.api.get(`/api/v1/conversations?contactId=${earlier.contact.id}`)
    ).body.data;
    const phoneConversation = conversations.find(
      (c: { channel: { kind: string } | null }) => c.channel?.kind === "phone",
    );
    expect(phoneConversation).toBeDefined();
    expect(phoneConversation.contact.id).toBe(earlier.contact.id);
    const ended = await postTwilio(
      context.hookUrl,
      credentials.authToken,
      callStatusParams({
        accountSid: credentials.accountSid,
        sid,
        status: "completed",
        duration: 42,
        direction: "inbound",
        from: "+33612345678",
        to: "+14155550100",
      }),
    );
    expect(ended.status).toBe(200);
    const timeline = (
      await context.api.get(`/api/v1/conversations/${phoneConversation.id}/messages`)
    ).body.data;
    expect(timeline.map((m: { direction: string }) => m.direction)).toEqual(["in", "note"]);
    expect(timeline[1].metadata.call).toMatchObject({
      status: "completed",
      duration: 42,
      direction: "inbound",
    });
  });

  it("tells the customer of a missed callback on their channel, with new slots, and puts it back to reschedule", async () => {
    const context = await setup();
    const { callback, message, visitorToken } = await bookFromWidget(context);
    const visitor = await openLiveSocket(
      visitorSocketUrl(relais.url, context.chat.id, visitorToken),
      {
        origin: "https://shop.example",
      },
    );
    await visitor.next((frame) => frame.type === "hello");
    await context.api.post(`/api/v1/callbacks/${callback.id}/call`);
    const sid = twilio.calls.at(-1)!.sid;
    const base = {
      accountSid: credentials.accountSid,
      sid,
      from: "+14155550100",
      to: "+33612345678",
    };
    await postTwilio(
      context.hookUrl,
      credentials.authToken,
      callStatusParams({ ...base, status: "ringing" }),
    );
    await postTwilio(
      context.hookUrl,
      credentials.authToken,
      callStatusParams({ ...base, status: "no-answer", duration: 0 }),
    );

    const told = await visitor.next(
      (frame) =>
        frame.type === "message" &&
        frame.message.direction === "out" &&
        frame.message.text.includes("appeler"),
    );
    expect(told.message.text).toContain("Nous avons essayé de vous appeler au +33 6 12 34 56 78");
    expect(told.message.text).toContain("heure de Paris");
    expect(
      told.message.text.split("\n").filter((line: string) => line.startsWith("• ")),
    ).toHaveLength(3);
    expect(told.message.conversationId).toBe(message.conversationId);
    const [again] = (await context.api.get("/api/v1/callbacks?status=to_reschedule")).body.data;
    expect(again).toMatchObject({ id: callback.id, status: "to_reschedule", attempts: 1 });
    const timeline = (
      await context.api.get(`/api/v1/conversations/${message.conversationId}/messages`)
    ).body.data;
    expect(
      timeline.some((m: { text: string }) => m.text.includes("Appel manqué : pas de réponse")),
    ).toBe(true);
    expect(
      timeline.some(
        (m: { metadata: { callback?: { customerTold?: boolean } } }) =>
          m.metadata.callback?.customerTold === true,
      ),
    ).toBe(true);
    visitor.close();

    // The agent reschedules: the customer is told the new time, in their zone.
    const slots = (await context.api.get("/api/v1/callback-slots?timeZone=Europe/Paris")).body.data;
    const moved = await context.api.patch(`/api/v1/callbacks/${callback.id}`, {
      scheduledAt: slots[3].start,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({
      status: "scheduled",
      customerTime: { local: slots[3].customer.local },
    });
  });

  it("reminds the assigned agent when the callback is due, once", async () => {
    const context = await setup();
    const { callback } = await bookFromWidget(context);
    await context.api.patch(`/api/v1/callbacks/${callback.id}`, { assigneeId: context.user.id });
    const at = new Date(new Date(callback.scheduledAt).getTime() + 1000);
    expect(await callbackReminder(relais.services, at)).toBeGreaterThanOrEqual(1);
    expect(await callbackReminder(relais.services, at)).toBe(0);
    const events = await waitFor(() =>
      relais.services.db
        .selectFrom("events")
        .selectAll()
        .where("account_id", "=", context.account.id)
        .where("name", "=", "notification.created")
        .execute()
        .then((rows) => (rows.length ? rows : null)),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      userId: context.user.id,
      changes: ["callback.due"],
    });
  });
});
