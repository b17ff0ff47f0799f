import type { Kysely } from "kysely";
import type { Priority } from "../../shared/enums.ts";
import type { Conversation, ConversationUpdate, DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";
import { lockConversation } from "../models/conversations.ts";
import { assignedNotice } from "../notifications/notices.ts";

export interface SystemChanges {
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  labels?: string[];
  /** Reopening only: a rule never resolves or snoozes. */
  status?: "open";
}

/** Why Relais changed a conversation by itself: kept in the audit log. */
export type SystemReason =
  | { by: "routing"; mode?: string }
  | { by: "rule"; ruleId: string; ruleName: string; eventId: number };

/**
 * What conversationUpdater does for an agent, done by Relais itself (routing, rules): in the
 * caller's transaction, with a `conversation.updated` event and an audit entry whose actor is
 * null (the system). Only fields that really change are written; nothing changing writes
 * nothing. Assignees and teams must belong to the conversation's account.
 */
export async function conversationSystemUpdater(
  trx: Kysely<DB>,
  props: {
    accountId: string;
    conversationId: string;
    changes: SystemChanges;
    reason: SystemReason;
  },
): Promise<Conversation | null> {
  const { accountId, changes } = props;
  const conversation = await lockConversation(trx, accountId, props.conversationId);
  if (!conversation) throw notFound("Conversation");

  const set: ConversationUpdate = {};
  const changed: Partial<SystemChanges> = {};
  if (changes.assigneeId !== undefined && changes.assigneeId !== conversation.assignee_id) {
    if (changes.assigneeId) await requireActiveUser(trx, accountId, changes.assigneeId);
    set.assignee_id = changes.assigneeId;
    changed.assigneeId = changes.assigneeId;
  }
  if (changes.teamId !== undefined && changes.teamId !== conversation.team_id) {
    if (changes.teamId) await requireTeam(trx, accountId, changes.teamId);
    set.team_id = changes.teamId;
    changed.teamId = changes.teamId;
  }
  if (changes.priority && changes.priority !== conversation.priority) {
    set.priority = changes.priority;
    changed.priority = changes.priority;
  }
  // A priority chosen by a rule is a decision, like an agent's: urgency refreshes keep it.
  if (changes.priority) set.priority_locked = true;
  if (changes.labels) {
    const labels = [...new Set(changes.labels)];
    const same =
      labels.length === conversation.labels.length &&
      labels.every((label) => conversation.labels.includes(label));
    if (!same) {
      set.labels = labels;
      changed.labels = labels;
    }
  }
  if (changes.status === "open" && conversation.status !== "open") {
    set.status = "open";
    set.snoozed_until = null;
    set.resolved_at = null;
    changed.status = "open";
  }
  if (Object.keys(changed).length === 0) {
    if (set.priority_locked && !conversation.priority_locked) {
      await trx
        .updateTable("conversations")
        .set({ priority_locked: true })
        .where("account_id", "=", accountId)
        .where("id", "=", conversation.id)
        .execute();
    }
    return null;
  }

  const updated = await trx
    .updateTable("conversations")
    .set({ ...set, updated_at: new Date() })
    .where("account_id", "=", accountId)
    .where("id", "=", conversation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    accountId,
    name: "conversation.updated",
    payload: { conversationId: conversation.id, changes: Object.keys(changed) },
    actorUserId: null,
  });
  if (updated.assignee_id && changed.assigneeId) {
    await assignedNotice(trx, {
      accountId,
      conversation: updated,
      assigneeId: updated.assignee_id,
      byUserId: null,
    });
  }
  await recordAudit(trx, {
    accountId,
    actorUserId: null,
    action: "conversation.update",
    subjectType: "conversation",
    subjectId: conversation.id,
    data: { ...changed, reason: props.reason },
  });
  return updated;
}

async function requireActiveUser(trx: Kysely<DB>, accountId: string, userId: string) {
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
