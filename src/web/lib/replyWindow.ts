import type { ChannelKind } from "../../shared/enums.ts";
import type { TMessage } from "../../shared/schemas.ts";

/**
 * Channels that accept free text only for a while after the customer's last message, and offer
 * approved templates outside it (WhatsApp's 24-hour customer-service window). The server's
 * provider enforces the rule (`checkReply`); this mirrors it so the composer can say so first.
 */
const WINDOWS: Partial<Record<ChannelKind, { hours: number }>> = {
  whatsapp: { hours: 24 },
};

/** Whether the channel offers approved message templates (listed by the channel's API). */
export function offersTemplates(kind: ChannelKind | undefined): boolean {
  return kind !== undefined && WINDOWS[kind] !== undefined;
}

export type ReplyWindow =
  | { state: "none" }
  | { state: "open"; closesAt: number; remainingMs: number }
  | { state: "closed"; lastInboundAt: number | null };

/** When the customer last wrote: the newest inbound message (the server keeps the same time). */
export function lastInboundAt(messages: readonly TMessage[]): number | null {
  let last: number | null = null;
  for (const message of messages) {
    if (message.direction !== "in") continue;
    const at = new Date(message.createdAt).getTime();
    if (Number.isFinite(at) && (last === null || at > last)) last = at;
  }
  return last;
}

/** The reply window of a conversation on `kind` at `now`; "none" when the channel has none. */
export function replyWindow(
  kind: ChannelKind | undefined,
  messages: readonly TMessage[],
  now: number,
): ReplyWindow {
  const window = kind ? WINDOWS[kind] : undefined;
  if (!window) return { state: "none" };
  const last = lastInboundAt(messages);
  if (last === null) return { state: "closed", lastInboundAt: null };
  const closesAt = last + window.hours * 3_600_000;
  if (closesAt <= now) return { state: "closed", lastInboundAt: last };
  return { state: "open", closesAt, remainingMs: closesAt - now };
}
