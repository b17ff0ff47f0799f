import type { Kysely } from "kysely";
import type { ConversationStatus, Priority } from "../../shared/enums.ts";
import type { Actor } from "../auth/actor.ts";
import type { Conversation, ConversationUpdate, DB } from "../db/schema.ts";
import { notFound, validationFailed } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";
import { lockConversation } from "../models/conversations.ts";
import { assignedNotice } from "../notifications/notices.ts";
import { isCategory } from "../triage/categories.ts";

export interface ConversationChanges {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string | null;
  category?: string | null;
  labels?: string[];
  /** Labels added to, and taken off, those the conversation carries when it is changed. */
  addLabels?: string[];
  removeLabels?: string[];
  subject?: string | null;
}

/**
 * Changes a conversation's state, assignment, priority or snooze in one transaction, with its
 * event and an audit entry. Assignees and teams must belong to the same account. The caller has
 * authorized the actor to update (and, to change the assignee or team, to assign) it.
 */
export async function conversationUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; conversationId: string; changes: ConversationChanges },
): Promise<Conversation> {
  const { actor, changes } = props;
  return db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, actor.accountId, props.conversationId);
    if (!conversation) throw notFound("Conversation");

    const now = new Date();
    const set: ConversationUpdate = { updated_at: now };
    if (changes.assigneeId !== undefined) {
      if (changes.assigneeId) await requireUser(trx, actor.accountId, changes.assigneeId);
      set.assignee_id = changes.assigneeId;
    }
    if (changes.teamId !== undefined) {
      if (changes.teamId) await requireTeam(trx, actor.accountId, changes.teamId);
      set.team_id = changes.teamId;
    }
    if (changes.priority) {
      set.priority = changes.priority;
      set.priority_locked = true;
    }
    if (changes.category !== undefined) {
      set.category = changes.category;
      set.category_locked = changes.category !== null;
      if (changes.category && changes.category !== conversation.category) {
        await recordCorrection(trx, actor, conversation.id, changes.category);
      }
    }
    if (changes.labels) set.labels = [...new Set(changes.labels)];
    if (changes.addLabels || changes.removeLabels) {
      const removed = new Set(changes.removeLabels ?? []);
      set.labels = [
        ...new Set([...(set.labels ?? conversation.labels), ...(changes.addLabels ?? [])]),
      ].filter((label) => !removed.has(label));
    }
    if (changes.subject !== undefined) set.subject = changes.subject;

    const status = changes.snoozedUntil ? "snoozed" : changes.status;
    if (status === "snoozed") {
      const until = changes.snoozedUntil ? new Date(changes.snoozedUntil) : null;
      if (!until || until <= now) {
        throw validationFailed("Snoozing needs a date in the future (snoozedUntil).");
      }
      set.status = "snoozed";
      set.snoozed_until = until;
    } else if (status) {
      set.status = status;
      set.snoozed_until = null;
      set.resolved_at = status === "resolved" ? now : null;
    }

    const updated = await trx
      .updateTable("conversations")
      .set(set)
      .where("account_id", "=", actor.accountId)
      .where("id", "=", conversation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = Object.keys(changes).filter(
      (key) => changes[key as keyof ConversationChanges] !== undefined,
    );
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "conversation.updated",
      payload: { conversationId: conversation.id, changes: changed },
      actorUserId: actor.userId,
    });
    if (updated.assignee_id && updated.assignee_id !== conversation.assignee_id) {
      await assignedNotice(trx, {
        accountId: actor.accountId,
        conversation: updated,
        assigneeId: updated.assignee_id,
        byUserId: actor.userId,
      });
    }
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: "conversation.update",
      subjectType: "conversation",
      subjectId: conversation.id,
      data: { ...changes },
    });
    return updated;
  });
}

/** An agent's category correction teaches the account's triage model (see conversationTriager). */
async function recordCorrection(
  trx: Kysely<DB>,
  actor: Actor,
  conversationId: string,
  category: string,
) {
  if (!isCategory(category)) throw validationFailed(`Unknown category "${category}".`);
  const first = await trx
    .selectFrom("messages")
    .select("text")
    .where("account_id", "=", actor.accountId)
    .where("conversation_id", "=", conversationId)
    .where("direction", "=", "in")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (!first?.text.trim()) return;
  await trx
    .insertInto("triage_corrections")
    .values({
      account_id: actor.accountId,
      conversation_id: conversationId,
      user_id: actor.userId,
      text: first.text.slice(0, 5000),
      category,
    })
    .execute();
}

async function requireUser(trx: Kysely<DB>, accountId: string, userId: string) {
  const user = await trx
    .selectFrom("users")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) throw notFound("User");
}

async function requireTeam(trx: Kysely<DB>, accountId: string, teamId: string) {
  const team = await trx
    .selectFrom("teams")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "=", teamId)
    .executeTakeFirst();
  if (!team) throw notFound("Team");
}
