import type { Kysely } from "kysely";
import type { TActionEntryMeta, TActionRefusal } from "../../shared/backoffice.ts";
import type { AgentAction } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { recordAudit, recordEvents } from "../events/outbox.ts";
import { fromCents } from "./values.ts";

/** How an action reads in the conversation's timeline (an internal entry, never sent). */
export function actionEntryText(action: AgentAction): string {
  const what = action.lines.length
    ? action.lines.map((line) => `${line.sku} × ${line.quantity}`).join(", ")
    : `${fromCents(action.amount_cents).toFixed(2)} ${action.currency}`;
  const outcome = action.outcome ? ` (${action.outcome})` : "";
  return `${action.type}: ${what} · ${action.status}${outcome} — ${action.reason}`;
}

/**
 * Keeps what happened to an action, in the caller's transaction: an audit entry, a system entry
 * in its conversation, its event, and, when it waits for approval, a notification to those who
 * may approve it.
 */
export async function journalAction(
  trx: Kysely<DB>,
  action: AgentAction,
  props: {
    actorUserId: string;
    auditAction: string;
    created: boolean;
    /** Why it was refused or rejected, as data (the web app words it). */
    refusal?: TActionRefusal | null;
    decisionReason?: string | null;
  },
): Promise<void> {
  const accountId = action.account_id;
  await recordAudit(trx, {
    accountId,
    actorUserId: props.actorUserId,
    action: props.auditAction,
    subjectType: "agent_action",
    subjectId: action.id,
    data: {
      type: action.type,
      status: action.status,
      amountCents: action.amount_cents,
      lines: action.lines,
      reason: action.reason,
      outcome: action.outcome,
    },
  });
  const events: Parameters<typeof recordEvents>[1][number][] = [
    {
      accountId,
      name: props.created ? "agent_action.created" : "agent_action.updated",
      payload: {
        actionId: action.id,
        orderId: action.order_id,
        ...(action.conversation_id ? { conversationId: action.conversation_id } : {}),
      },
      actorUserId: props.actorUserId,
    },
  ];
  if (action.conversation_id) {
    const entry = await trx
      .insertInto("messages")
      .values({
        account_id: accountId,
        conversation_id: action.conversation_id,
        direction: "note",
        author_user_id: props.actorUserId,
        text: actionEntryText(action),
        metadata: JSON.stringify({
          system: "agent_action",
          actionId: action.id,
          type: action.type,
          status: action.status,
          lines: action.lines,
          amount: fromCents(action.amount_cents),
          currency: action.currency,
          reason: action.reason,
          refusal: props.refusal ?? null,
          decisionReason: props.decisionReason ?? null,
        } satisfies TActionEntryMeta),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    events.push({
      accountId,
      name: "message.created",
      payload: { conversationId: action.conversation_id, messageId: entry.id },
      actorUserId: props.actorUserId,
    });
  }
  if (action.status === "pending_approval") {
    const approvers = await trx
      .selectFrom("users")
      .select("id")
      .where("account_id", "=", accountId)
      .where("role", "in", ["supervisor", "admin"])
      .where("disabled_at", "is", null)
      .execute();
    events.push({
      accountId,
      name: "notification.created",
      payload: {
        notificationKind: "approval_needed",
        params: { action: actionEntryText(action) },
        userIds: approvers.map((user) => user.id),
        actionId: action.id,
        ...(action.conversation_id ? { conversationId: action.conversation_id } : {}),
      },
      actorUserId: props.actorUserId,
    });
  }
  await recordEvents(trx, events);
}
