import type { Kysely } from "kysely";
import type { Visibility } from "../../shared/enums.ts";
import { replyLength, signedReply, type TEmailHeaders } from "../../shared/replies.ts";
import type { Actor } from "../auth/actor.ts";
import type { ChannelProvider } from "../channels/provider.ts";
import type { Channel, Conversation, DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { recordAudit } from "../events/outbox.ts";

/** A reply's channel, with the provider that sends on it. */
export interface ReplyChannel {
  row: Channel;
  provider: ChannelProvider;
}

/**
 * The text the customer reads: on a channel that signs public replies, a public reply written by
 * an agent ends with their signature. Then the network's length limit applies to the whole of
 * it (the composer counts the same way), so nothing is cut by the network after it is stored.
 */
export async function finalReplyText(
  trx: Kysely<DB>,
  props: {
    actor: Actor;
    channel: ReplyChannel | null;
    text: string;
    visibility: Visibility;
    automatic: boolean;
  },
): Promise<{ text: string; signed: boolean }> {
  const { channel, visibility } = props;
  if (!channel || visibility !== "public") return { text: props.text, signed: false };
  let text = props.text;
  let signed = false;
  if (channel.row.sign_public_replies && !props.automatic) {
    const user = await trx
      .selectFrom("users")
      .select("signature")
      .where("account_id", "=", props.actor.accountId)
      .where("id", "=", props.actor.userId)
      .executeTakeFirst();
    if (user?.signature) {
      text = signedReply(text, user.signature);
      signed = true;
    }
  }
  const limit = channel.provider.publicReplyLimit;
  const length = replyLength(text);
  if (limit && length > limit) {
    throw unprocessable(
      "reply_too_long",
      `This public reply is ${length} characters${signed ? " with your signature" : ""}; ` +
        `the network takes ${limit}.`,
    );
  }
  return { text, signed };
}

/** Subject, To, Cc and Bcc chosen by the agent go only where the provider sends them (email). */
export function checkEmailHeaders(
  channel: ReplyChannel | null,
  headers: TEmailHeaders | undefined,
): void {
  if (!headers || Object.keys(headers).length === 0) return;
  if (!channel?.provider.emailHeaders) {
    throw unprocessable(
      "email_headers_unsupported",
      "Only an email reply has a subject and recipients to choose.",
    );
  }
}

/**
 * Replying to a conversation nobody holds makes it the replier's, when the account says so
 * (`assign_on_reply`, on by default): the customer's next message then reaches them. True when
 * the conversation was taken.
 */
export async function assignOnReply(
  trx: Kysely<DB>,
  props: { actor: Actor; conversation: Conversation },
): Promise<boolean> {
  const { actor, conversation } = props;
  if (conversation.assignee_id) return false;
  const account = await trx
    .selectFrom("accounts")
    .select("assign_on_reply")
    .where("id", "=", actor.accountId)
    .executeTakeFirstOrThrow();
  if (!account.assign_on_reply) return false;
  await trx
    .updateTable("conversations")
    .set({ assignee_id: actor.userId })
    .where("account_id", "=", actor.accountId)
    .where("id", "=", conversation.id)
    .execute();
  await recordAudit(trx, {
    accountId: actor.accountId,
    actorUserId: actor.userId,
    action: "conversation.update",
    subjectType: "conversation",
    subjectId: conversation.id,
    data: { assigneeId: actor.userId, reason: "assign_on_reply" },
  });
  return true;
}
