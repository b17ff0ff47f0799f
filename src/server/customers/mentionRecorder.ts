import type { Kysely } from "kysely";
import { mergeContactInto } from "../commands/contactMerger.ts";
import type { DB } from "../db/schema.ts";
import { orderedPair } from "../models/contactDuplicates.ts";
import { extractMentions } from "./mentions.ts";

export interface RecordedMentions {
  /** The message's author, when it is an inbound message from a contact. */
  contactId: string | null;
  conversationId: string | null;
  /** New mention rows written (0 when the event came twice). */
  added: number;
  /** The contact the author was merged into, on strong evidence (a private message). */
  linkedInto: string | null;
}

/**
 * Records what a customer wrote in an inbound message that can name another record of them
 * (emails, phone numbers, order numbers). An email or phone written in a *private* message that
 * is another contact's verified identity is strong evidence: the two are merged at once (the
 * older contact stays; the merge is audited with its reason and can be undone), unless an agent
 * said they are different people. Public mentions only ever suggest. Idempotent.
 */
export async function mentionRecorder(
  db: Kysely<DB>,
  accountId: string,
  messageId: string,
): Promise<RecordedMentions> {
  return db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom("messages")
      .select(["id", "conversation_id", "author_contact_id", "text", "visibility", "direction"])
      .where("account_id", "=", accountId)
      .where("id", "=", messageId)
      .executeTakeFirst();
    const contactId = message?.direction === "in" ? message.author_contact_id : null;
    const none = { contactId, conversationId: message?.conversation_id ?? null, added: 0 };
    if (!message || !contactId) return { ...none, linkedInto: null };
    const mentions = extractMentions(message.text);
    if (mentions.length === 0) return { ...none, linkedInto: null };
    const inserted = await trx
      .insertInto("contact_mentions")
      .values(
        mentions.map((mention) => ({
          account_id: accountId,
          contact_id: contactId,
          conversation_id: message.conversation_id,
          message_id: message.id,
          kind: mention.kind,
          value: mention.value,
          public: message.visibility === "public",
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(["account_id", "message_id", "kind", "value"]).doNothing(),
      )
      .returning("id")
      .execute();
    const result = { ...none, added: inserted.length };
    if (message.visibility === "public" || inserted.length === 0) {
      return { ...result, linkedInto: null };
    }
    const claims = mentions.filter((m) => m.kind !== "order").map((m) => m.value);
    const owner = await trx
      .selectFrom("identities")
      .select("contact_id")
      .where("account_id", "=", accountId)
      .where("kind", "in", ["email", "phone"])
      .where("value", "in", claims.length ? claims : [""])
      .where("verified", "=", true)
      .where("contact_id", "!=", contactId)
      .executeTakeFirst();
    if (!owner) return { ...result, linkedInto: null };
    const linkedInto = await linkStrong(trx, accountId, contactId, owner.contact_id);
    return { ...result, linkedInto };
  });
}

async function linkStrong(
  trx: Kysely<DB>,
  accountId: string,
  writerId: string,
  ownerId: string,
): Promise<string | null> {
  const [a, b] = orderedPair(writerId, ownerId);
  const dismissed = await trx
    .selectFrom("contact_pair_dismissals")
    .select("contact_a")
    .where("account_id", "=", accountId)
    .where("contact_a", "=", a)
    .where("contact_b", "=", b)
    .executeTakeFirst();
  if (dismissed) return null;
  const rows = await trx
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "in", [writerId, ownerId])
    .orderBy("id")
    .forUpdate()
    .execute();
  if (rows.length !== 2) return null;
  const [target, source] = [...rows].sort(
    (x, y) => x.created_at.getTime() - y.created_at.getTime() || x.id.localeCompare(y.id),
  );
  if (!target || !source) return null;
  await mergeContactInto(trx, {
    accountId,
    actorUserId: null,
    target,
    source,
    reason: "contact_in_private_message",
  });
  return target.id;
}
