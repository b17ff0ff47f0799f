import { localTime } from "../callbacks/slots.ts";
import type { ChatChannel } from "../channels/chat/config.ts";
import type { WidgetMessage } from "../channels/chat/messages.ts";
import type { Callback, ChatSession } from "../db/schema.ts";

/** What the widget learns when its session opens: the visitor's state and the channel's look. */
export function presentWidgetSession(
  channel: ChatChannel,
  opened: { token: string | null; session: ChatSession },
  state: { conversationId: string | null; agentsAvailable: boolean; emailFallback: boolean },
) {
  return {
    token: opened.token,
    verified: opened.session.verified,
    email: opened.session.email_hint,
    ...state,
    channel: {
      name: channel.row.name,
      greeting: channel.config.greeting,
      colors: channel.config.colors,
      callbackEnabled: channel.config.callbackEnabled,
      contactEmail: channel.config.contactEmail ?? null,
      contactPhone: channel.config.contactPhone ?? null,
    },
  };
}

/** The visitor's booked callback, in their own time zone, with the request message they sent. */
export function presentWidgetCallback(callback: Callback, message: WidgetMessage | null) {
  return {
    callback: {
      id: callback.id,
      status: callback.status,
      scheduledAt: callback.scheduled_at.toISOString(),
      customerTime: localTime(callback.scheduled_at, callback.customer_time_zone),
      phone: callback.phone,
    },
    message,
  };
}
