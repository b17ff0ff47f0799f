import { type Kysely, sql } from "kysely";
import { orderNumberCandidates } from "../backoffice/orderNumbers.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import { contentStems } from "../triage/features.ts";
import { detectLanguage } from "../triage/language.ts";

/** Earlier conversations compared with a new one, at most (the customer's most recent). */
const MAX_EARLIER = 20;
/** The first customer messages of a conversation that say what it is about. */
const OPENING_MESSAGES = 5;
/** Share of content stems two openings must have in common (Jaccard) to be the same problem. */
export const SIMILAR_TEXT = 0.3;
const DAY_MS = 86_400_000;

export type RepeatReason = "same_order" | "similar_text";

export interface RepeatLink {
  earlierId: string;
  reason: RepeatReason;
}

/**
 * Links a customer's new conversation to the earlier one it repeats: within the account's window
 * (`repeat_window_days`, from the earlier conversation's last message), on any channel, the same
 * order number in both openings, or the same triage category and similar text. The most recent
 * match wins; the chain id (the problem's first conversation) is carried on. Idempotent: a
 * conversation already linked is left alone. Writes `conversation.updated` (changes `repeatOf`).
 */
export async function repeatLinker(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<RepeatLink | null> {
  return db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", conversationId)
      .forUpdate()
      .executeTakeFirst();
    if (!conversation || conversation.repeat_of_id) return null;
    const link = await findRepeat(trx, conversation);
    if (!link) return null;
    const earlier = await trx
      .updateTable("conversations")
      .set({ chain_id: sql`coalesce(chain_id, id)` })
      .where("account_id", "=", accountId)
      .where("id", "=", link.earlierId)
      .returning("chain_id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("conversations")
      .set({ repeat_of_id: link.earlierId, repeat_reason: link.reason, chain_id: earlier.chain_id })
      .where("account_id", "=", accountId)
      .where("id", "=", conversationId)
      .execute();
    await recordEvent(trx, {
      accountId,
      name: "conversation.updated",
      payload: { conversationId, changes: ["repeatOf"] },
    });
    return link;
  });
}

async function findRepeat(trx: Kysely<DB>, conversation: Conversation): Promise<RepeatLink | null> {
  const account = await trx
    .selectFrom("accounts")
    .select("repeat_window_days")
    .where("id", "=", conversation.account_id)
    .executeTakeFirstOrThrow();
  const since = new Date(conversation.created_at.getTime() - account.repeat_window_days * DAY_MS);
  const earlier = await trx
    .selectFrom("conversations")
    .selectAll()
    .where("account_id", "=", conversation.account_id)
    .where("contact_id", "=", conversation.contact_id)
    .where("id", "!=", conversation.id)
    .where("created_at", "<=", conversation.created_at)
    .where("last_message_at", ">=", since)
    .orderBy("created_at", "desc")
    .limit(MAX_EARLIER)
    .execute();
  if (earlier.length === 0) return null;
  const openings = await openingTexts(trx, conversation.account_id, [
    conversation.id,
    ...earlier.map((row) => row.id),
  ]);
  const mine = openings.get(conversation.id) ?? "";
  if (!mine) return null;
  const myOrders = new Set(orderNumberCandidates([mine]));
  const language = conversation.language ?? detectLanguage(mine);
  const myStems = new Set(contentStems(mine, language));
  for (const other of earlier) {
    const text = openings.get(other.id) ?? "";
    if (orderNumberCandidates([text]).some((number) => myOrders.has(number))) {
      return { earlierId: other.id, reason: "same_order" };
    }
    const sameCategory = conversation.category !== null && other.category === conversation.category;
    if (sameCategory && jaccard(myStems, new Set(contentStems(text, language))) >= SIMILAR_TEXT) {
      return { earlierId: other.id, reason: "similar_text" };
    }
  }
  return null;
}

/** The first customer messages of each conversation, joined (one query on messages_conversation). */
async function openingTexts(
  trx: Kysely<DB>,
  accountId: string,
  conversationIds: string[],
): Promise<Map<string, string>> {
  const { rows } = await sql<{ conversation_id: string; text: string }>`
    select c.id as conversation_id, coalesce(string_agg(m.text, ' '), '') as text
    from unnest(${conversationIds}::uuid[]) as c(id)
    left join lateral (
      select text from messages
      where account_id = ${accountId} and conversation_id = c.id and direction = 'in'
      order by created_at, id limit ${OPENING_MESSAGES}
    ) m on true
    group by c.id`.execute(trx);
  return new Map(rows.map((row) => [row.conversation_id, row.text]));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}
