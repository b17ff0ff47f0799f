import type { Kysely, Transaction, TransactionBuilder } from "kysely";
import type { NotificationPayload, TRuleAction } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import {
  conversationSystemUpdater,
  type SystemReason,
} from "../commands/conversationSystemUpdater.ts";
import { replySender } from "../commands/replySender.ts";
import type { DB } from "../db/schema.ts";
import { isAppError, notFound } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { lockConversation } from "../models/conversations.ts";
import type { Services } from "../services.ts";
import { cannedReplyRenderer, templateContext } from "./facts.ts";
import { renderTemplate } from "./templates.ts";

export interface ActionContext {
  services: Services;
  trx: Transaction<DB>;
  accountId: string;
  conversationId: string;
  rule: { id: string; name: string };
  eventId: number;
  /** Under whose authority automatic replies are sent (see replyAction). */
  replyActor(): Promise<Actor | null>;
}

export type ActionOutcome =
  | { type: TRuleAction["type"]; ok: true; changed: boolean; messageId?: string }
  | { type: TRuleAction["type"]; ok: false; error: string };

/**
 * `services` whose database is the caller's transaction, so a command that opens its own
 * transaction (replySender) runs inside the rule's, and the rule's run, its changes and its reply
 * commit or roll back together. PostgreSQL has no nested transactions; this joins the outer one.
 */
export function joined(services: Services, trx: Transaction<DB>): Services {
  const join = { execute: <T>(work: (inner: Transaction<DB>) => Promise<T>) => work(trx) };
  const db = new Proxy(trx, {
    get(target, key) {
      if (key === "transaction") return () => join as unknown as TransactionBuilder<DB>;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Kysely<DB>;
  return { ...services, db };
}

async function update(
  context: ActionContext,
  action: TRuleAction,
  changes: Parameters<typeof conversationSystemUpdater>[1]["changes"],
): Promise<ActionOutcome> {
  const reason: SystemReason = {
    by: "rule",
    ruleId: context.rule.id,
    ruleName: context.rule.name,
    eventId: context.eventId,
  };
  const updated = await conversationSystemUpdater(context.trx, {
    accountId: context.accountId,
    conversationId: context.conversationId,
    changes,
    reason,
  });
  return { type: action.type, ok: true, changed: updated !== null };
}

async function loadConversation(context: ActionContext) {
  const conversation = await lockConversation(
    context.trx,
    context.accountId,
    context.conversationId,
  );
  if (!conversation) throw notFound("Conversation");
  return conversation;
}

/**
 * Sends a canned reply in the customer's language through replySender, as any reply: stored,
 * queued for delivery, checked by the channel's provider. replySender needs an acting user: the
 * account's first admin lends their authority (recorded on the events), but the message itself is
 * marked as Relais's (no author, `metadata.automation` naming the rule), so no person is shown
 * as having written it. An automatic reply is not an agent's answer: the conversation keeps
 * waiting, and its first response time stays unset.
 */
async function replyAction(
  context: ActionContext,
  action: Extract<TRuleAction, { type: "reply" }>,
): Promise<ActionOutcome> {
  const { trx, accountId } = context;
  const conversation = await loadConversation(context);
  const reply = await trx
    .selectFrom("canned_replies")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", action.cannedReplyId)
    .executeTakeFirst();
  if (!reply) return { type: action.type, ok: false, error: "The canned reply no longer exists." };
  const actor = await context.replyActor();
  if (!actor) return { type: action.type, ok: false, error: "The account has no active admin." };
  const rendered = await cannedReplyRenderer(trx, {
    reply,
    conversation,
    agentUserId: conversation.assignee_id,
  });
  const message = await replySender(joined(context.services, trx), {
    actor,
    conversationId: conversation.id,
    text: rendered.text,
    kind: "reply",
  });
  await trx
    .updateTable("messages")
    .set({
      author_user_id: null,
      metadata: JSON.stringify({
        ...message.metadata,
        automation: {
          ruleId: context.rule.id,
          ruleName: context.rule.name,
          cannedReplyId: reply.id,
          language: rendered.language,
        },
      }),
    })
    .where("account_id", "=", accountId)
    .where("id", "=", message.id)
    .execute();
  await trx
    .updateTable("conversations")
    .set({
      waiting_since: conversation.waiting_since,
      first_response_at: conversation.first_response_at,
    })
    .where("account_id", "=", accountId)
    .where("id", "=", conversation.id)
    .execute();
  return { type: action.type, ok: true, changed: true, messageId: message.id };
}

/** A `notification.created` event: the web app shows it live to the agents it names (or all). */
async function notifyAction(
  context: ActionContext,
  action: Extract<TRuleAction, { type: "notify" }>,
): Promise<ActionOutcome> {
  const conversation = await loadConversation(context);
  const { values } = await templateContext(context.trx, conversation, conversation.assignee_id);
  const payload: NotificationPayload = {
    conversationId: conversation.id,
    ruleId: context.rule.id,
    text: renderTemplate(action.text, values).trim(),
    userIds: action.userIds,
  };
  await recordEvent(context.trx, {
    accountId: context.accountId,
    name: "notification.created",
    payload,
    actorUserId: null,
  });
  return { type: action.type, ok: true, changed: true };
}

async function perform(context: ActionContext, action: TRuleAction): Promise<ActionOutcome> {
  switch (action.type) {
    case "assign_user":
      return update(context, action, { assigneeId: action.userId });
    case "assign_team":
      // The team's own assignment mode then hands it to a member (see routing/router.ts).
      return update(context, action, { teamId: action.teamId });
    case "set_priority":
      return update(context, action, { priority: action.priority });
    case "add_label": {
      const conversation = await loadConversation(context);
      return update(context, action, { labels: [...conversation.labels, action.label] });
    }
    case "reply":
      return replyAction(context, action);
    case "notify":
      return notifyAction(context, action);
    case "reopen":
      return update(context, action, { status: "open" });
  }
}

/**
 * Performs one action. What the rule refers to may have gone (a deleted team, a disabled agent)
 * or the channel may refuse the reply: the action is then reported as failed and the rule's other
 * actions still run. Anything else (a database failure) aborts the whole run, to be retried.
 */
export async function runAction(
  context: ActionContext,
  action: TRuleAction,
): Promise<ActionOutcome> {
  try {
    return await perform(context, action);
  } catch (error) {
    if (!isAppError(error) || error.status >= 500) throw error;
    return { type: action.type, ok: false, error: error.message };
  }
}
