import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { InboundMessage } from "../channels/provider.ts";
import type { Mention } from "../db/schema/listening.ts";
import type { DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import { recordAudit } from "../events/outbox.ts";
import { inboundIngester } from "./inboundIngester.ts";

/**
 * Turns a mention into care, once: the post becomes the first customer message of a public
 * conversation on the channel that found it, exactly as that channel's provider would have
 * stored it had the post been addressed to the brand — its author a contact (the one who
 * already has that identity, if any), its thread and references kept — so the agent's reply
 * goes out in the post's thread (X `in_reply_to_tweet_id`, Mastodon `in_reply_to_id`, Bluesky
 * reply refs) and the usual move to private works. Asked again, or for a post already in the
 * inbox, it answers the conversation that holds it. Returns the message and whether it is new.
 */
export async function mentionConversationCreator(
  db: Kysely<DB>,
  props: { actor: Actor; mention: Mention },
): Promise<{ messageId: string; created: boolean }> {
  const { actor, mention } = props;
  if (mention.message_id) return { messageId: mention.message_id, created: false };
  const channel = await db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", actor.accountId)
    .where("id", "=", mention.channel_id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!channel) {
    throw unprocessable("channel_disabled", "The channel that found this mention is disabled.");
  }
  const stored = mention.inbound;
  const inbound: InboundMessage = {
    ...stored,
    sentAt: stored.sentAt ? new Date(stored.sentAt) : undefined,
  };
  const outcome = await inboundIngester(db, channel, [{ type: "message", message: inbound }]);
  const message = await db
    .selectFrom("messages")
    .select("id")
    .where("account_id", "=", actor.accountId)
    .where("channel_id", "=", channel.id)
    .where("external_id", "=", mention.external_id)
    .executeTakeFirstOrThrow();
  const created = outcome.stored > 0;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("mentions")
      .set({ message_id: message.id })
      .where("account_id", "=", actor.accountId)
      .where("id", "=", mention.id)
      .where("message_id", "is", null)
      .execute();
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: "mention.answer",
      subjectType: "mention",
      subjectId: mention.id,
      data: { messageId: message.id, created },
    });
  });
  return { messageId: message.id, created };
}
