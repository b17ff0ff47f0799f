import { type Kysely, sql } from "kysely";
import { checkReplyTarget } from "../channels/replyTarget.ts";
import { resolveChannel } from "../channels/resolve.ts";
import type { SecretBox } from "../crypto/secrets.ts";
import type { Channel, Conversation, DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";

/**
 * How one customer is reached with a message Relais sends by itself: in the conversation of the
 * channel they last used with us when its provider accepts a message there now (WhatsApp and
 * Messenger within their windows, never a public thread); otherwise in their latest other
 * conversation that does (their email thread, say); otherwise by email in a new conversation on
 * the account's email channel when their address is known; otherwise not at all, with the
 * reason.
 */
export type Reach =
  | { kind: "conversation"; conversation: Conversation; channel: Channel; fallback: string | null }
  | { kind: "new_email"; channel: Channel; language: string | null; fallback: string | null }
  | { kind: "none"; reason: string };

const CANDIDATES = 20;

/** Null when a private message may be stored and sent in this conversation now. */
async function refusal(
  db: Kysely<DB>,
  secrets: SecretBox,
  conversation: Conversation,
  channel: Channel,
): Promise<string | null> {
  if (conversation.visibility === "public") {
    return "Only a public thread exists on this channel: such news is sent in private only.";
  }
  const { provider, channel: resolved } = resolveChannel(channel, secrets);
  const refused = provider.checkReply?.(resolved, {
    conversation,
    visibility: "private",
    template: null,
  });
  if (refused) return refused;
  try {
    await checkReplyTarget(db, provider, resolved, conversation, "private");
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return null;
}

export async function reachCustomer(
  db: Kysely<DB>,
  secrets: SecretBox,
  accountId: string,
  contactId: string,
): Promise<Reach> {
  const rows = await db
    .selectFrom("conversations as c")
    .innerJoin("channels as ch", (join) =>
      join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
    )
    .selectAll("c")
    .select("ch.id as ch_id")
    .where("c.account_id", "=", accountId)
    .where("c.contact_id", "=", contactId)
    .where("c.merged_into_id", "is", null)
    .where("ch.disabled_at", "is", null)
    .orderBy(sql`coalesce(c.last_inbound_at, c.created_at)`, "desc")
    .limit(CANDIDATES)
    .execute();
  const channels = new Map<string, Channel>();
  if (rows.length > 0) {
    const found = await db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "in", [...new Set(rows.map((row) => row.ch_id))])
      .execute();
    for (const channel of found) channels.set(channel.id, channel);
  }
  const [last] = rows;
  let why = "No channel reaches this customer.";
  if (last) {
    const channel = channels.get(last.ch_id) as Channel;
    const refused = await refusal(db, secrets, last, channel);
    if (!refused) return { kind: "conversation", conversation: last, channel, fallback: null };
    why = refused;
  }
  // Another of their conversations that takes the message now (their email thread, say).
  for (const row of rows.slice(1)) {
    const channel = channels.get(row.ch_id) as Channel;
    if (!(await refusal(db, secrets, row, channel))) {
      return { kind: "conversation", conversation: row, channel, fallback: why };
    }
  }
  const address = await db
    .selectFrom("identities")
    .select("value")
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .where("kind", "=", "email")
    .limit(1)
    .executeTakeFirst();
  const email = address
    ? await db
        .selectFrom("channels")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("kind", "=", "email")
        .where("disabled_at", "is", null)
        .orderBy("created_at")
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (email)
    return { kind: "new_email", channel: email, language: last?.language ?? null, fallback: why };
  return { kind: "none", reason: address ? `${why} The account has no email channel.` : why };
}

/**
 * A conversation on the email channel for a customer who has no other way to be told: it starts
 * resolved (nothing waits on an agent); the customer's answer continues it by its number.
 */
export async function openEmailConversation(
  trx: Kysely<DB>,
  props: {
    accountId: string;
    contactId: string;
    channel: Channel;
    subject: string;
    language: string;
  },
): Promise<Conversation> {
  const { conversation_seq } = await trx
    .updateTable("accounts")
    .set((eb) => ({ conversation_seq: eb("conversation_seq", "+", 1) }))
    .where("id", "=", props.accountId)
    .returning("conversation_seq")
    .executeTakeFirstOrThrow();
  const now = new Date();
  return trx
    .insertInto("conversations")
    .values({
      account_id: props.accountId,
      number: conversation_seq,
      contact_id: props.contactId,
      channel_id: props.channel.id,
      subject: props.subject,
      language: props.language,
      status: "resolved",
      resolved_at: now,
      last_message_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
