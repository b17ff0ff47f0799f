import type { Message } from "../../db/schema.ts";
import type { ReplyTargetCheck } from "../replyTarget.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Meta's standard messaging window: free replies (`messaging_type: "RESPONSE"`) within 24 hours
 * of the person's last message (Messenger Platform and Instagram Messaging policy).
 */
export const STANDARD_WINDOW_MS = 24 * HOUR;
/**
 * With the Human Agent permission, a person of the business may still answer for 7 days after
 * the person's last message: `messaging_type: "MESSAGE_TAG", "tag": "HUMAN_AGENT"`.
 */
export const HUMAN_AGENT_WINDOW_MS = 7 * DAY;
/** A Private Reply must be sent within 7 days of the comment (or visitor post) it answers. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * DAY;

export type MetaNetwork = "Messenger" | "Instagram";

/** The Send API fields that say why a message may be sent now. */
export type MessagingFields =
  | { messaging_type: "RESPONSE" }
  | { messaging_type: "MESSAGE_TAG"; tag: "HUMAN_AGENT" };

export type MessagingDecision =
  | { ok: true; fields: MessagingFields }
  | { ok: false; reason: string };

function ago(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * How a message to the person may be sent `now`, given when they last wrote: inside 24 hours as
 * a response; then, when the channel has the Human Agent permission, with the HUMAN_AGENT tag
 * until 7 days; otherwise not at all (a reason for the agent, nothing is sent).
 */
export function messagingDecision(
  lastCustomerMessageAt: Date | null,
  humanAgent: boolean,
  network: MetaNetwork,
  now = Date.now(),
): MessagingDecision {
  if (!lastCustomerMessageAt) {
    return {
      ok: false,
      reason:
        `The customer has not written to you on ${network}, and Meta only lets a business ` +
        "answer a person who wrote first. Nothing was sent.",
    };
  }
  const elapsed = now - lastCustomerMessageAt.getTime();
  if (elapsed <= STANDARD_WINDOW_MS) return { ok: true, fields: { messaging_type: "RESPONSE" } };
  if (humanAgent && elapsed <= HUMAN_AGENT_WINDOW_MS) {
    return { ok: true, fields: { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } };
  }
  if (!humanAgent) {
    return {
      ok: false,
      reason:
        `The customer last wrote ${ago(elapsed)} ago: ${network} accepts replies only within ` +
        "24 hours of their last message, and this channel does not use the Human Agent " +
        "permission (7 days). Nothing was sent; the customer has to write again.",
    };
  }
  return {
    ok: false,
    reason:
      `The customer last wrote ${ago(elapsed)} ago: ${network} accepts a human agent's reply ` +
      "only within 7 days of their last message. Nothing was sent; the customer has to write again.",
  };
}

/**
 * Whether a Private Reply to the comment (or visitor post) may be sent: within 7 days of it,
 * and only one per comment. Null when it may; otherwise the reason for the agent.
 */
export function privateReplyRefusal(
  commentAt: Date,
  alreadyAnswered: boolean,
  now = Date.now(),
): string | null {
  if (alreadyAnswered) {
    return (
      "This comment has already been answered privately: Meta allows one private reply per " +
      "comment. The conversation continues when the customer answers it."
    );
  }
  const elapsed = now - commentAt.getTime();
  if (elapsed > PRIVATE_REPLY_WINDOW_MS) {
    return (
      `This comment was written ${ago(elapsed)} ago: Meta accepts a private reply to a comment ` +
      "only within 7 days. Answer it publicly instead. Nothing was sent."
    );
  }
  return null;
}

/** The customer's comment or post a private reply addresses, if `inReplyTo` is one. */
function commentAnswered(inReplyTo: Message | null): Message | null {
  return inReplyTo?.visibility === "public" && inReplyTo.external_id ? inReplyTo : null;
}

/**
 * Meta's rules for a reply about to be stored, on Messenger and Instagram alike: a public reply
 * has no window; a private answer to a comment is a Private Reply (7 days, once); any other
 * private answer is a message in the person's conversation (24 hours, then Human Agent).
 */
export function metaReplyRefusal(
  check: ReplyTargetCheck,
  humanAgent: boolean,
  network: MetaNetwork,
): string | null {
  if (check.visibility === "public") return null;
  const now = check.now.getTime();
  const comment = commentAnswered(check.inReplyTo);
  if (comment) return privateReplyRefusal(comment.created_at, check.repliesSince > 0, now);
  const decision = messagingDecision(check.inReplyTo?.created_at ?? null, humanAgent, network, now);
  return decision.ok ? null : decision.reason;
}
