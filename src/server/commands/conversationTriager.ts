import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { recordEvent } from "../events/outbox.ts";
import type { Services } from "../services.ts";
import { isCategory } from "../triage/categories.ts";
import { assessUrgency, type Category, createTriager, type Triager } from "../triage/index.ts";

interface CachedTriager {
  triager: Triager;
  learned: Set<string>;
}

/** One triager per account: the shipped model plus that account's corrections, learned online. */
const triagers = new Map<string, CachedTriager>();

export async function triagerFor(db: Kysely<DB>, accountId: string): Promise<Triager> {
  const cached = triagers.get(accountId) ?? {
    triager: createTriager(),
    learned: new Set<string>(),
  };
  triagers.set(accountId, cached);
  const corrections = await db
    .selectFrom("triage_corrections")
    .select(["id", "text", "category"])
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
  for (const correction of corrections) {
    if (cached.learned.has(correction.id) || !isCategory(correction.category)) continue;
    cached.triager.learn(correction.text, correction.category);
    cached.learned.add(correction.id);
  }
  return cached.triager;
}

/**
 * Triages a conversation from a customer's new message: language, sentiment, category (unless an
 * agent set it), urgency and priority (unless an agent set it).
 */
export async function conversationTriager(
  services: Services,
  props: { accountId: string; messageId: string },
): Promise<boolean> {
  const triager = await triagerFor(services.db, props.accountId);
  return services.db.transaction().execute(async (trx) => {
    const message = await trx
      .selectFrom("messages")
      .selectAll()
      .where("account_id", "=", props.accountId)
      .where("id", "=", props.messageId)
      .executeTakeFirst();
    if (message?.direction !== "in" || !message.text.trim()) return false;
    const conversation = await trx
      .selectFrom("conversations")
      .selectAll()
      .where("account_id", "=", props.accountId)
      .where("id", "=", message.conversation_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const author = message.author_contact_id
      ? await trx
          .selectFrom("identities")
          .select("followers")
          .where("account_id", "=", props.accountId)
          .where("contact_id", "=", message.author_contact_id)
          .where("followers", "is not", null)
          .orderBy("followers", "desc")
          .limit(1)
          .executeTakeFirst()
      : undefined;

    const text = conversation.subject ? `${conversation.subject}\n${message.text}` : message.text;
    const result = triager.triage(text);
    const category: Category =
      conversation.category_locked && isCategory(conversation.category)
        ? conversation.category
        : result.category;
    const followers = author?.followers ?? conversation.author_followers;
    const waitingSince = conversation.waiting_since ?? message.created_at;
    const urgency = assessUrgency({
      sentiment: result.sentiment,
      visibility: conversation.visibility,
      followers,
      waitingMinutes: (Date.now() - new Date(waitingSince).getTime()) / 60_000,
      category,
    });
    await trx
      .updateTable("conversations")
      .set({
        language: result.language === "und" ? conversation.language : result.language,
        sentiment: result.sentiment.label,
        sentiment_score: result.sentiment.score,
        category,
        category_confidence: conversation.category_locked
          ? conversation.category_confidence
          : result.confidence,
        urgency_score: urgency.score,
        priority: conversation.priority_locked ? conversation.priority : urgency.priority,
        author_followers: followers ?? null,
        triaged_at: new Date(),
      })
      .where("account_id", "=", props.accountId)
      .where("id", "=", conversation.id)
      .execute();
    if (message.author_contact_id && (result.language === "fr" || result.language === "en")) {
      await trx
        .updateTable("contacts")
        .set({ locale: result.language })
        .where("account_id", "=", props.accountId)
        .where("id", "=", message.author_contact_id)
        .where("locale", "is", null)
        .execute();
    }
    await recordEvent(trx, {
      accountId: props.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: ["triage"] },
    });
    return true;
  });
}
