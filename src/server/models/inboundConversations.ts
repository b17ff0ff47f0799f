import type { Kysely, QueryCreator } from "kysely";
import type { InboundMessage } from "../channels/provider.ts";
import type { ResolvedContact } from "../commands/contactResolver.ts";
import type { Channel, Conversation, DB } from "../db/schema.ts";
import { looksLikeSurveyAnswer } from "../surveys/replies.ts";

/** What the ingester reads of a conversation it continues (locked until commit). */
export type ConversationState = Pick<
  Conversation,
  | "id"
  | "status"
  | "waiting_since"
  | "last_message_at"
  | "resolved_at"
  | "merged_into_id"
  | "spam_at"
>;
const STATE_COLUMNS = [
  "id",
  "status",
  "waiting_since",
  "last_message_at",
  "resolved_at",
  "merged_into_id",
  "spam_at",
] as const;
/** Merges chain at most this deep before the message stays where it landed. */
const MAX_MERGE_HOPS = 5;

/**
 * A token the provider checked (a conversation number of the account) or a reference to a
 * message already stored on this channel continues that conversation, even resolved (the
 * caller reopens it). Otherwise a public thread stays one conversation; a private exchange
 * continues the customer's latest unresolved conversation on this channel (a customer created
 * just now has none). Null when a new conversation is needed. The row is locked until commit.
 * A conversation merged into another is continued in the one it went into.
 */
export async function conversationFor(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
  contact: ResolvedContact,
): Promise<ConversationState | null> {
  let found = await findContinued(trx, channel, inbound, contact);
  // A conversation merged into another (the same problem, #14) continues in the one it went into.
  for (let hop = 0; found?.merged_into_id && hop < MAX_MERGE_HOPS; hop += 1) {
    const into = await trx
      .selectFrom("conversations")
      .select(STATE_COLUMNS)
      .where("account_id", "=", channel.account_id)
      .where("id", "=", found.merged_into_id)
      .forUpdate()
      .executeTakeFirst();
    if (!into) break;
    found = into;
  }
  return found;
}

async function findContinued(
  trx: Kysely<DB>,
  channel: Channel,
  inbound: InboundMessage,
  contact: ResolvedContact,
): Promise<ConversationState | null> {
  const accountId = channel.account_id;
  const conversations = trx
    .selectFrom("conversations")
    .select(STATE_COLUMNS)
    .where("account_id", "=", accountId)
    .forUpdate();
  if (inbound.conversationNumber !== undefined) {
    const named = await conversations
      .where("number", "=", inbound.conversationNumber)
      .executeTakeFirst();
    if (named) return named;
  }
  if (inbound.references?.length) {
    const references = inbound.references;
    const continued = await conversations
      .where("id", "=", (eb) =>
        eb
          .selectFrom("messages")
          .select("conversation_id")
          .where("account_id", "=", accountId)
          .where("channel_id", "=", channel.id)
          .where("external_id", "in", references)
          .orderBy("created_at", "desc")
          .limit(1),
      )
      .executeTakeFirst();
    if (continued) return continued;
  }
  const latest = conversations
    .where("channel_id", "=", channel.id)
    .orderBy("last_message_at", "desc")
    .limit(1);
  if (inbound.threadId) {
    return (
      (await latest.where("external_thread_id", "=", inbound.threadId).executeTakeFirst()) ?? null
    );
  }
  if (contact.created) return null;
  const open = await latest
    .where("contact_id", "=", contact.contactId)
    .where("status", "!=", "resolved")
    .where("visibility", "=", inbound.visibility)
    .executeTakeFirst();
  if (open) return open;
  if (!looksLikeSurveyAnswer(inbound.text)) return null;
  // "6" after a survey was asked: the answer belongs to the resolved conversation it is about.
  const surveyed = await latest
    .where("contact_id", "=", contact.contactId)
    .where("status", "=", "resolved")
    .where("visibility", "=", inbound.visibility)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("resolutions")
          .select("resolutions.id")
          .whereRef("resolutions.account_id", "=", "conversations.account_id")
          .whereRef("resolutions.conversation_id", "=", "conversations.id")
          .where("resolutions.survey_status", "=", "sent")
          .where("resolutions.expires_at", ">", new Date()),
      ),
    )
    .executeTakeFirst();
  return surveyed ?? null;
}

/**
 * A new conversation, as CTEs of the statement that inserts its first message: numbered from the
 * account's sequence (the account row stays locked from there to commit, so concurrent new
 * conversations wait on each other as little as possible), already in the state that message
 * gives it: open, waiting since the message.
 */
export function withNewConversation(
  trx: Kysely<DB>,
  props: {
    channel: Channel;
    inbound: InboundMessage;
    contact: ResolvedContact;
    conversationId: string;
    sentAt: Date;
  },
): QueryCreator<DB> {
  const { channel, inbound, sentAt } = props;
  return trx
    .with("seq", (db) =>
      db
        .updateTable("accounts")
        .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", 1) }))
        .where("id", "=", channel.account_id)
        .returning("conversation_seq"),
    )
    .with("opened", (db) =>
      db
        .insertInto("conversations")
        .values((eb) => ({
          account_id: channel.account_id,
          id: props.conversationId,
          number: eb.selectFrom("seq").select("seq.conversation_seq"),
          contact_id: props.contact.contactId,
          channel_id: channel.id,
          subject: inbound.subject ?? null,
          visibility: inbound.visibility,
          external_thread_id: inbound.threadId ?? null,
          waiting_since: sentAt,
          last_message_at: sentAt,
          last_inbound_at: sentAt,
        }))
        .returning("id"),
    ) as unknown as QueryCreator<DB>;
}
