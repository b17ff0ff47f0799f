import { type Kysely, sql } from "kysely";
import type { Visibility } from "../../shared/enums.ts";
import type { Conversation, DB, Message } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import type { ChannelProvider, ResolvedChannel } from "./provider.ts";

/**
 * What a provider whose rules depend on the customer's message being answered is told before a
 * reply is stored (Meta: the 24-hour and Human Agent windows, Private Replies once within 7
 * days of a comment).
 */
export interface ReplyTargetCheck {
  conversation: Conversation;
  visibility: Visibility;
  /** The customer's message the reply will answer, chosen as delivery chooses it; or null. */
  inReplyTo: Message | null;
  /**
   * Replies of the same visibility stored after `inReplyTo` in this conversation and not failed
   * (sent, or still on their way): a second private reply to one comment, say.
   */
  repliesSince: number;
  now: Date;
}

/** Providers that judge a reply by the message it answers, not only by its conversation. */
export interface ReplyTargetPolicy<Config = unknown, Secrets = unknown> {
  /** Null when the reply may be stored and sent; otherwise the reason, for the agent. */
  checkReplyTarget(
    channel: ResolvedChannel<Config, Secrets>,
    check: ReplyTargetCheck,
  ): string | null;
}

export function hasReplyTargetPolicy(
  provider: ChannelProvider<unknown, unknown>,
): provider is ChannelProvider<unknown, unknown> & ReplyTargetPolicy {
  return typeof (provider as Partial<ReplyTargetPolicy>).checkReplyTarget === "function";
}

/**
 * The customer's message a reply of `visibility` answers: their latest message of the same
 * visibility (a public reply answers the latest public comment), else their latest message of
 * any kind. The same choice as the delivery of the message (messageDeliverer's `inReplyTo`).
 */
export async function replyTarget(
  db: Kysely<DB>,
  conversation: Conversation,
  visibility: Visibility,
): Promise<Message | null> {
  return (
    (await db
      .selectFrom("messages")
      .selectAll()
      .where("account_id", "=", conversation.account_id)
      .where("conversation_id", "=", conversation.id)
      .where("direction", "=", "in")
      .where("deleted_at", "is", null)
      .orderBy(sql`visibility = ${visibility}`, "desc")
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

async function repliesSince(
  db: Kysely<DB>,
  conversation: Conversation,
  visibility: Visibility,
  since: Message,
): Promise<number> {
  const row = await db
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("account_id", "=", conversation.account_id)
    .where("conversation_id", "=", conversation.id)
    .where("direction", "=", "out")
    .where("visibility", "=", visibility)
    .where("created_at", ">", since.created_at)
    .where((eb) =>
      eb.or([eb("delivery_status", "is", null), eb("delivery_status", "!=", "failed")]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Asks the channel's provider, when it has such rules, whether the reply may be stored: throws
 * `reply_refused` (422) with its reason otherwise. Runs in the reply's transaction, after the
 * conversation is locked, so two replies cannot both pass a once-only rule.
 */
export async function checkReplyTarget(
  db: Kysely<DB>,
  provider: ChannelProvider<unknown, unknown>,
  channel: ResolvedChannel<unknown, unknown>,
  conversation: Conversation,
  visibility: Visibility,
): Promise<void> {
  if (!hasReplyTargetPolicy(provider)) return;
  const inReplyTo = await replyTarget(db, conversation, visibility);
  const refusal = provider.checkReplyTarget(channel, {
    conversation,
    visibility,
    inReplyTo,
    repliesSince: inReplyTo ? await repliesSince(db, conversation, visibility, inReplyTo) : 0,
    now: new Date(),
  });
  if (refusal) throw unprocessable("reply_refused", refusal);
}
