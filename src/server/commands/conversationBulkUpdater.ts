import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { Conversation, DB } from "../db/schema.ts";
import { isAppError } from "../errors.ts";
import { findOwned } from "../models/owned.ts";
import { type ConversationChanges, conversationUpdater } from "./conversationUpdater.ts";

export interface BulkOutcome {
  updated: string[];
  failed: Array<{ id: string; error: { id: string; message: string } }>;
}

/**
 * The same change on several conversations (the inbox's selection): each one in its own
 * transaction, with its own event and audit entry, exactly as one PATCH would make it. One that
 * is not the actor's account's, that the actor may not change (`allowed`, the route's policy
 * decision per conversation), or that the change cannot apply to, is reported, not fatal.
 */
export async function conversationBulkUpdater(
  db: Kysely<DB>,
  props: {
    actor: Actor;
    ids: string[];
    changes: ConversationChanges;
    allowed: (conversation: Conversation) => boolean;
  },
): Promise<BulkOutcome> {
  const { actor, changes } = props;
  const outcome: BulkOutcome = { updated: [], failed: [] };
  for (const id of [...new Set(props.ids)]) {
    const conversation = await findOwned(db, "conversations", actor.accountId, id);
    if (!conversation) {
      outcome.failed.push({ id, error: { id: "not_found", message: "Conversation not found." } });
      continue;
    }
    if (!props.allowed(conversation)) {
      outcome.failed.push({ id, error: { id: "forbidden", message: "Not allowed." } });
      continue;
    }
    try {
      await conversationUpdater(db, { actor, conversationId: id, changes });
      outcome.updated.push(id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcome.failed.push({ id, error: { id: error.id, message: error.message } });
    }
  }
  return outcome;
}
