import type { Kysely } from "kysely";
import type { Channel, DB } from "../db/schema.ts";
import type { ConversationState } from "../models/inboundConversations.ts";
import type { ResolvedContact } from "./contactResolver.ts";

/**
 * Where a message is kept quietly, or null when it is not one to keep quietly: a message in a
 * conversation marked as spam stays there; a blocked contact's message goes to their latest
 * spam conversation on this channel, or to a new one that is closed and marked as spam from the
 * start. Either way no conversation opens: the caller writes the message and no event, so
 * nobody is notified, no rule, acknowledgement or survey runs, and no report counts it.
 */
export async function quietConversationFor(
  trx: Kysely<DB>,
  props: {
    channel: Channel;
    contact: ResolvedContact;
    found: ConversationState | null;
    subject: string | null;
    visibility: "public" | "private";
    sentAt: Date;
  },
): Promise<string | null> {
  const { channel, contact, found, sentAt } = props;
  const accountId = channel.account_id;
  if (found?.spam_at) return found.id;
  // The identity look-up read whether a known contact is blocked; a new one never is.
  if (contact.created || contact.blocked === false) return null;
  if (contact.blocked === undefined) {
    // A new identity joined to a known customer by a verified email or phone.
    const owner = await trx
      .selectFrom("contacts")
      .select("blocked_at")
      .where("account_id", "=", accountId)
      .where("id", "=", contact.contactId)
      .executeTakeFirst();
    if (!owner?.blocked_at) return null;
  }
  const held = await trx
    .selectFrom("conversations")
    .select("id")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contact.contactId)
    .where("channel_id", "=", channel.id)
    .where("spam_at", "is not", null)
    .orderBy("last_message_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (held) return held.id;
  const { conversation_seq: number } = await trx
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", 1) }))
    .where("id", "=", accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  const opened = await trx
    .insertInto("conversations")
    .values({
      account_id: accountId,
      number,
      contact_id: contact.contactId,
      channel_id: channel.id,
      subject: props.subject,
      visibility: props.visibility,
      status: "resolved",
      resolved_at: sentAt,
      spam_at: new Date(),
      waiting_since: null,
      last_message_at: sentAt,
      last_inbound_at: sentAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return opened.id;
}
