import { expect } from "vitest";
import type { startTwilioFake, TwilioCredentials } from "../../../test/fakes/twilio.ts";
import { createAccount } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import type { startTestRelais } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { TMessage } from "../../shared/schemas.ts";
import { channelCreator } from "../commands/channelCreator.ts";
import {
  createChatChannel,
  openWidgetSession,
  widgetGet,
  widgetPost,
} from "../routes/widget/testing.ts";

/** Test helpers for callbacks: a California team, a chat widget, a Twilio phone channel. */

type TestRelais = Awaited<ReturnType<typeof startTestRelais>>;
type TwilioFake = Awaited<ReturnType<typeof startTwilioFake>>;
export type CallbackSetup = Awaited<ReturnType<typeof setupCallbacks>>;

const WEEKDAYS_8_TO_17 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((day) => [day, [["08:00", "17:00"]]]),
);

/** An account with a California team, a chat widget and a Twilio phone channel. */
export async function setupCallbacks(
  relais: TestRelais,
  twilio: TwilioFake,
  credentials: TwilioCredentials,
) {
  const { account, token, user } = await createAccount(relais.services);
  const api = apiClient(relais.url, token);
  await api.patch(`/api/v1/users/${user.id}`, { timeZone: "America/Los_Angeles" });
  const team = (
    await api.post("/api/v1/teams", { name: "Support Californie", memberIds: [user.id] })
  ).body.data;
  const hours = await api.put(`/api/v1/teams/${team.id}/business-hours`, {
    timeZone: "America/Los_Angeles",
    weekly: WEEKDAYS_8_TO_17,
  });
  expect(hours.status).toBe(200);
  const { channel: chat } = await createChatChannel(relais.services, account.id, {
    callbackTeamId: team.id,
  });
  const phone = await channelCreator(relais.services.db, relais.services.secrets, {
    accountId: account.id,
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
  return { account, api, user, team, chat, phone, hookUrl: `${relais.url}/hooks/${phone.id}` };
}

/** A visitor in Paris books the first free slot from the widget. */
export async function bookFromWidget(relais: TestRelais, context: CallbackSetup) {
  const session = await openWidgetSession(relais.url, context.chat.id, {
    locale: "fr",
    timeZone: "Europe/Paris",
  });
  const visitorToken = session.body.data.token;
  const slots = await widgetGet(
    relais.url,
    context.chat.id,
    "/callback-slots?tz=Europe/Paris",
    visitorToken,
  );
  expect(slots.status).toBe(200);
  const slot = slots.body.data.slots[0];
  const booked = await widgetPost(relais.url, context.chat.id, "/callbacks", visitorToken, {
    clientId: "callback-request-1",
    phone: "06 12 34 56 78",
    region: "FR",
    at: slot.start,
    timeZone: "Europe/Paris",
  });
  expect(booked.status).toBe(201);
  return {
    visitorToken,
    slot,
    callback: booked.body.data.callback,
    message: booked.body.data.message,
  };
}

type ApiClient = ReturnType<typeof apiClient>;

/** The number every callback booked by `bookCallbackFor` is made to: its digits, as sent. */
const CALLBACK_DIGITS = "33612345678";

/** Whether a text sent anywhere carries the callback's phone number, however formatted. */
export function carriesCallbackPhone(text: string | null | undefined): boolean {
  return (text ?? "").replace(/\D/g, "").includes(CALLBACK_DIGITS);
}

/**
 * An agent books the first free callback slot for the customer of `conversationId`, with the
 * customer told (the default): the notice carries their number. The slot comes from the
 * business hours, so that the test passes at any time of day and on any weekday.
 */
export async function bookCallbackFor(api: ApiClient, conversationId: string) {
  const slots = await api.get("/api/v1/callback-slots?timeZone=Europe/Paris");
  expect(slots.status).toBe(200);
  const booked = await api.post("/api/v1/callbacks", {
    conversationId,
    scheduledAt: slots.body.data[0].start,
    phone: `+${CALLBACK_DIGITS}`,
    timeZone: "Europe/Paris",
  });
  expect(booked.status).toBe(201);
  return booked.body.data;
}

/**
 * Waits until every outbound message of the conversation has left (sent) or failed, so that
 * what the provider's fake recorded is all that will ever be sent.
 */
export async function outboundSettled(api: ApiClient, conversationId: string) {
  return waitFor(
    async () => {
      const messages: TMessage[] = (
        await api.get(`/api/v1/conversations/${conversationId}/messages`)
      ).body.data;
      const out = messages.filter((m) => m.direction === "out");
      return out.every((m) => m.delivery && ["sent", "failed"].includes(m.delivery.status))
        ? out
        : null;
    },
    { message: "outbound messages settled" },
  );
}
