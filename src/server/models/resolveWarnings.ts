import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

export const RESOLVE_WARNINGS = [
  "last_reply_failed",
  "last_reply_pending",
  "customer_unanswered",
] as const;
export type ResolveWarning = (typeof RESOLVE_WARNINGS)[number];

/**
 * Why resolving the conversation now may leave the customer hanging, read from its latest
 * message between the customer and the team (notes and system entries aside): our reply failed
 * or has not gone yet, or the customer spoke last. Empty when resolving is safe.
 */
export async function resolveWarningsOf(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<ResolveWarning[]> {
  const last = await db
    .selectFrom("messages")
    .select(["direction", "delivery_status", "author_user_id", "author_contact_id"])
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .where("direction", "in", ["in", "out"])
    .where("deleted_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!last) return [];
  if (last.direction === "in") return ["customer_unanswered"];
  if (last.delivery_status === "failed") return ["last_reply_failed"];
  if (last.delivery_status === "queued") return ["last_reply_pending"];
  return [];
}
