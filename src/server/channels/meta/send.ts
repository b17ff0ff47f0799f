import { z } from "zod";
import type { OutboundMessage, SendContext, SendResult } from "../provider.ts";
import { type GraphCall, type GraphCredentials, type GraphResult, graphRequest } from "./graph.ts";
import { surveyQuickReplies } from "./survey.ts";
import { type MetaNetwork, messagingDecision, privateReplyRefusal } from "./window.ts";

const THROTTLE_KEY = "metaThrottledUntil";

/**
 * While Meta has said access is blocked (a rate-limit error or `estimated_time_to_regain_access`),
 * sends on this channel wait without calling it: each is rescheduled for when access returns.
 */
export function throttledUntil(
  state: Record<string, unknown>,
  now = Date.now(),
): SendResult | null {
  const until = z.number().safeParse(state[THROTTLE_KEY]);
  if (!until.success || until.data <= now) return null;
  return {
    ok: false,
    retryable: true,
    reason: `Rate limited by Meta until ${new Date(until.data).toISOString()}.`,
    retryAfterMs: until.data - now,
  };
}

/** Remembers a block Meta announced, so that the channel's other sends wait too. */
export async function rememberThrottle<T>(
  result: GraphResult<T>,
  context: SendContext,
  now = Date.now(),
): Promise<void> {
  const wait = result.ok ? result.usage.regainAccessMs : result.failure.retryAfterMs;
  if (!result.ok && !result.throttled) return;
  if (!wait || wait <= 0) return;
  await context.saveState({ [THROTTLE_KEY]: now + wait });
}

/**
 * A Graph call made as a send: refused at once while the channel is throttled, the usage
 * headers remembered, the result handed back for the provider to read its id.
 */
export async function sendThroughGraph<T>(
  credentials: GraphCredentials,
  state: Record<string, unknown>,
  call: GraphCall,
  context: SendContext,
): Promise<GraphResult<T> | Extract<SendResult, { ok: false }>> {
  const blocked = throttledUntil(state);
  if (blocked && !blocked.ok) return blocked;
  const result = await graphRequest<T>(credentials, call, context.timeoutMs);
  await rememberThrottle(result, context);
  return result;
}

export function isGraphResult<T>(
  value: GraphResult<T> | Extract<SendResult, { ok: false }>,
): value is GraphResult<T> {
  return "usage" in value;
}

/** The customer's comment or post a public conversation's replies answer, if any. */
export function publicTarget(outbound: OutboundMessage) {
  const inbound = outbound.inReplyTo;
  if (inbound?.visibility !== "public" || !inbound.external_id) return null;
  const metadata = inbound.metadata as Record<string, unknown>;
  return {
    /** The comment (or visitor post) itself: Private Replies address it. */
    id: inbound.external_id,
    item: metadata.item === "post" ? ("post" as const) : ("comment" as const),
    /** Replies go under the top-level comment: Meta threads only one level deep. */
    threadRoot: inbound.in_reply_to_external_id ?? inbound.external_id,
    /** When the customer wrote it: a Private Reply is possible for 7 days. */
    at: inbound.created_at,
  };
}

/** Whom the Send API addresses: a person, or the author of a comment or visitor post. */
export type SendRecipient = { id: string } | { comment_id: string } | { post_id: string };

export const fail = (reason: string): SendResult => ({ ok: false, retryable: false, reason });

/**
 * The Send API body of a private answer, checked against Meta's windows at the moment of
 * sending (a reply may have waited for retries): a Private Reply to `target` within 7 days of
 * it; otherwise a message to `recipient` as a RESPONSE within 24 hours of the customer's last
 * message, then with the HUMAN_AGENT tag up to 7 days when the channel has the permission.
 * Outside them, the reason and nothing to send.
 */
export function privateAnswerBody(
  outbound: OutboundMessage,
  target: ReturnType<typeof publicTarget>,
  recipient: SendRecipient,
  humanAgent: boolean,
  network: MetaNetwork,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string } {
  const message = { text: outbound.message.text };
  if (target) {
    const refusal = privateReplyRefusal(target.at, false);
    return refusal ? { ok: false, reason: refusal } : { ok: true, body: { recipient, message } };
  }
  const decision = messagingDecision(outbound.inReplyTo?.created_at ?? null, humanAgent, network);
  if (!decision.ok) return decision;
  // A survey asked in the conversation offers its scores as quick replies.
  const asked = { ...message, ...surveyQuickReplies(outbound.message) };
  return { ok: true, body: { recipient, ...decision.fields, message: asked } };
}
