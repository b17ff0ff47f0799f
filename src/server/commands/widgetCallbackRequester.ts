import { businessHoursFor } from "../callbacks/businessHours.ts";
import { zoneName } from "../callbacks/customerNotice.ts";
import { checkSlot, displayPhone, e164 } from "../callbacks/model.ts";
import { callbackRequester } from "../callbacks/requester.ts";
import { formatSlot } from "../callbacks/slots.ts";
import type { ChatChannel } from "../channels/chat/config.ts";
import { bindSessionContact, sessionContact } from "../channels/chat/sessions.ts";
import type { Callback, ChatSession } from "../db/schema.ts";
import { customerLanguage } from "../i18n/customer.ts";
import { findWidgetCallback } from "../models/callbacks.ts";
import { findMessageByExternalId } from "../models/messages.ts";
import type { Services } from "../services.ts";
import { inboundIngester } from "./inboundIngester.ts";

const REQUEST_TEXT = {
  fr: (when: string, zone: string, phone: string) =>
    `📞 Merci de me rappeler le ${when} (heure de ${zone}) au ${phone}.`,
  en: (when: string, zone: string, phone: string) =>
    `📞 Please call me back on ${when} (${zone} time) at ${phone}.`,
};

export interface WidgetCallbackRequesterProps {
  channel: ChatChannel;
  session: ChatSession;
  request: {
    /** The widget's own id for the request: sent again, it is answered, not rebooked. */
    clientId: string;
    phone: string;
    region?: string | null;
    at: string;
    timeZone: string;
  };
}

/**
 * A visitor's "call me back at …": the request is their own message in their conversation (it
 * starts one if need be), and the callback is booked on a free slot of the callback team's
 * hours. A request sent again (the widget retries after a lost answer) finds what it booked.
 */
export async function widgetCallbackRequester(
  services: Services,
  props: WidgetCallbackRequesterProps,
): Promise<{ callback: Callback; created: boolean; messageId: string }> {
  const { channel, session, request } = props;
  const { db } = services;
  const accountId = channel.row.account_id;
  const at = new Date(request.at);
  const phone = e164(request.phone, request.region);
  const hours = await businessHoursFor(db, accountId, channel.config.callbackTeamId, {
    fallback: true,
  });
  const externalId = `${session.visitor_id}:${request.clientId}`;
  const again = await findMessageByExternalId(db, accountId, channel.row.id, externalId);
  if (!again) await checkSlot(db, accountId, hours, at);

  const language = customerLanguage(session.locale);
  await inboundIngester(db, channel.row, [
    {
      type: "message",
      message: {
        externalId,
        text: REQUEST_TEXT[language](
          formatSlot(at, request.timeZone, language),
          zoneName(request.timeZone),
          displayPhone(phone),
        ),
        visibility: "private",
        contact: { ...sessionContact(session), timeZone: request.timeZone },
        metadata: {
          chat: { sessionId: session.id },
          callbackRequest: { at: request.at, timeZone: request.timeZone },
        },
      },
    },
  ]);
  await bindSessionContact(db, session);
  const stored = await findMessageByExternalId(db, accountId, channel.row.id, externalId);
  if (!stored) throw new Error("The callback request was not stored");
  const existing = await findWidgetCallback(db, accountId, stored.conversation_id, at);
  const callback =
    existing ??
    (await callbackRequester(services, {
      accountId,
      conversationId: stored.conversation_id,
      phone,
      scheduledAt: at,
      customerTimeZone: request.timeZone,
      source: "widget",
      teamId: hours.teamId,
    }));
  return { callback, created: !existing, messageId: stored.id };
}
