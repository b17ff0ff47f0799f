import type { ChannelKind, Visibility } from "../../shared/enums.ts";
import type { TMessage } from "../../shared/schemas.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Channels that accept free replies only for a while after the customer's last message. The
 * server's provider enforces each rule before anything is sent (`checkReply`,
 * `checkReplyTarget`); this mirrors them so the composer can say so first.
 * - WhatsApp: 24 hours, then only approved templates.
 * - Messenger and Instagram: 24 hours, then 7 days more for a human agent (the HUMAN_AGENT tag,
 *   when the channel has Meta's permission), then nothing until the customer writes again; a
 *   private reply to a comment within 7 days of it, once; public comment replies: no window.
 */
type ReplyPolicy =
  | { after: "templates"; standardMs: number }
  | { after: "humanAgent"; standardMs: number; humanAgentMs: number; privateReplyMs: number };

const POLICIES: Partial<Record<ChannelKind, ReplyPolicy>> = {
  whatsapp: { after: "templates", standardMs: 24 * HOUR },
  facebook: {
    after: "humanAgent",
    standardMs: 24 * HOUR,
    humanAgentMs: 7 * DAY,
    privateReplyMs: 7 * DAY,
  },
  instagram: {
    after: "humanAgent",
    standardMs: 24 * HOUR,
    humanAgentMs: 7 * DAY,
    privateReplyMs: 7 * DAY,
  },
};

/** Whether the channel offers approved message templates (listed by the channel's API). */
export function offersTemplates(kind: ChannelKind | undefined): boolean {
  return kind !== undefined && POLICIES[kind]?.after === "templates";
}

/** The part of a window a reply falls in. */
export type WindowPhase =
  /** Within 24 hours of the customer's last message: free replies. */
  | "standard"
  /** Past 24 hours, within 7 days: a human agent's reply, tagged HUMAN_AGENT. */
  | "humanAgent"
  /** A private reply to a public comment, within 7 days of it. */
  | "privateReply";

/** What comes when the current phase ends. */
export type WindowNext = "templates" | "humanAgent" | "closed";

export type ClosedReason =
  /** WhatsApp past 24 hours: only an approved template. */
  | "templates"
  /** Messenger / Instagram past 7 days (past 24 hours without the Human Agent permission). */
  | "expired"
  /** The comment is more than 7 days old. */
  | "privateReplyExpired"
  /** The comment was already answered privately. */
  | "privateReplyUsed"
  /** The server refused a reply the browser thought possible: its reason is shown. */
  | "refused";

export type ReplyWindow =
  | { state: "none" }
  | {
      state: "open";
      phase: WindowPhase;
      next: WindowNext;
      closesAt: number;
      remainingMs: number;
    }
  | { state: "closed"; reason: ClosedReason; lastInboundAt: number | null; humanAgent: boolean };

/** The reply being written: its visibility, and whether the channel may tag HUMAN_AGENT. */
export interface ReplyContext {
  visibility: Visibility;
  humanAgent: boolean;
}

const PRIVATE_REPLY: ReplyContext = { visibility: "private", humanAgent: true };

const timeOf = (message: TMessage) => new Date(message.createdAt).getTime();

/** When the customer last wrote: the newest inbound message (the server keeps the same time). */
export function lastInboundAt(messages: readonly TMessage[]): number | null {
  let last: number | null = null;
  for (const message of messages) {
    if (message.direction !== "in") continue;
    const at = timeOf(message);
    if (Number.isFinite(at) && (last === null || at > last)) last = at;
  }
  return last;
}

/**
 * The customer's message a reply of `visibility` answers, as the server chooses it: their
 * latest message of that visibility, else their latest message of any kind.
 */
export function answeredMessage(
  messages: readonly TMessage[],
  visibility: Visibility,
): TMessage | null {
  const matches = (message: TMessage) => message.visibility === visibility;
  let best: TMessage | null = null;
  for (const message of messages) {
    if (message.direction !== "in" || message.deleted || !Number.isFinite(timeOf(message))) {
      continue;
    }
    if (
      best === null ||
      (matches(message) === matches(best) ? timeOf(message) > timeOf(best) : matches(message))
    ) {
      best = message;
    }
  }
  return best;
}

/** The window of a reply that must come within `limitMs` of `from`. */
function openUntil(
  from: number,
  limitMs: number,
  now: number,
  phase: WindowPhase,
  next: WindowNext,
): ReplyWindow | null {
  const closesAt = from + limitMs;
  if (closesAt <= now) return null;
  return { state: "open", phase, next, closesAt, remainingMs: closesAt - now };
}

function metaWindow(
  policy: Extract<ReplyPolicy, { after: "humanAgent" }>,
  messages: readonly TMessage[],
  now: number,
  context: ReplyContext,
): ReplyWindow {
  if (context.visibility === "public") return { state: "none" };
  const target = answeredMessage(messages, context.visibility);
  const humanAgent = context.humanAgent;
  if (!target) return { state: "closed", reason: "expired", lastInboundAt: null, humanAgent };
  const from = timeOf(target);
  if (target.visibility === "public") {
    const answered = messages.some(
      (message) =>
        message.direction === "out" &&
        message.visibility === "private" &&
        message.delivery?.status !== "failed" &&
        timeOf(message) > from,
    );
    if (answered) {
      return { state: "closed", reason: "privateReplyUsed", lastInboundAt: from, humanAgent };
    }
    return (
      openUntil(from, policy.privateReplyMs, now, "privateReply", "closed") ?? {
        state: "closed",
        reason: "privateReplyExpired",
        lastInboundAt: from,
        humanAgent,
      }
    );
  }
  return (
    openUntil(from, policy.standardMs, now, "standard", humanAgent ? "humanAgent" : "closed") ??
    (humanAgent ? openUntil(from, policy.humanAgentMs, now, "humanAgent", "closed") : null) ?? {
      state: "closed",
      reason: "expired",
      lastInboundAt: from,
      humanAgent,
    }
  );
}

/** The reply window of a conversation on `kind` at `now`; "none" when the channel has none. */
export function replyWindow(
  kind: ChannelKind | undefined,
  messages: readonly TMessage[],
  now: number,
  context: ReplyContext = PRIVATE_REPLY,
): ReplyWindow {
  const policy = kind ? POLICIES[kind] : undefined;
  if (!policy) return { state: "none" };
  if (policy.after === "humanAgent") return metaWindow(policy, messages, now, context);
  const last = lastInboundAt(messages);
  const open =
    last === null ? null : openUntil(last, policy.standardMs, now, "standard", "templates");
  return open ?? { state: "closed", reason: "templates", lastInboundAt: last, humanAgent: false };
}

/** The closed state the server's refusal leaves until the customer writes again. */
export function refusedWindow(
  kind: ChannelKind | undefined,
  last: number | null,
  context: ReplyContext,
): ReplyWindow {
  const policy = kind ? POLICIES[kind] : undefined;
  const reason: ClosedReason = policy?.after === "templates" ? "templates" : "refused";
  return { state: "closed", reason, lastInboundAt: last, humanAgent: context.humanAgent };
}
