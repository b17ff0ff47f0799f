import type { Kysely } from "kysely";
import { type RuleTrigger, ZRuleAction, ZRuleCondition } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import type { Conversation, DB } from "../db/schema.ts";
import type { StoredEvent } from "../jobs/processor.ts";
import { lockConversation } from "../models/conversations.ts";
import type { Services } from "../services.ts";
import { LOW_SCORE_CHANGE } from "../surveys/lowScore.ts";
import { type ActionOutcome, runAction } from "./actions.ts";
import { conditionsMatch } from "./conditions.ts";
import { loadRuleFacts } from "./facts.ts";

export interface RuleOccasion {
  trigger: RuleTrigger;
  conversationId: string;
  /** The received message, for message.received. */
  messageId?: string;
}

/**
 * The rule triggers an event stands for: a customer's message (message.received), a new
 * conversation, a change of status (including snoozing and reopening), triage's result.
 */
export async function ruleOccasions(db: Kysely<DB>, event: StoredEvent): Promise<RuleOccasion[]> {
  const { conversationId, messageId, changes } = event.payload as {
    conversationId?: unknown;
    messageId?: unknown;
    changes?: unknown;
  };
  if (typeof conversationId !== "string") return [];
  if (event.name === "conversation.created") {
    return [{ trigger: "conversation.created", conversationId }];
  }
  if (event.name === "message.created" && typeof messageId === "string") {
    const message = await db
      .selectFrom("messages")
      .select("direction")
      .where("account_id", "=", event.accountId)
      .where("id", "=", messageId)
      .executeTakeFirst();
    return message?.direction === "in"
      ? [{ trigger: "message.received", conversationId, messageId }]
      : [];
  }
  if (event.name === "sla.warning" || event.name === "sla.breached") {
    return [{ trigger: event.name, conversationId }];
  }
  if (event.name !== "conversation.updated" || !Array.isArray(changes)) return [];
  const occasions: RuleOccasion[] = [];
  if (changes.includes("triage"))
    occasions.push({ trigger: "conversation.triaged", conversationId });
  if (changes.includes("status") || changes.includes("snoozedUntil")) {
    occasions.push({ trigger: "conversation.status_changed", conversationId });
  }
  if (changes.includes(LOW_SCORE_CHANGE)) {
    occasions.push({ trigger: "survey.low_score", conversationId });
  }
  return occasions;
}

export interface RuleRunReport {
  ruleId: string;
  outcome: ActionOutcome[];
}

/** The account's first active admin, under whose authority automatic replies go out. */
async function firstAdmin(db: Kysely<DB>, accountId: string): Promise<Actor | null> {
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("account_id", "=", accountId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return admin ? { accountId, userId: admin.id, role: "admin", via: "token" } : null;
}

/**
 * Runs the account's enabled rules for one occasion of one event, in order of position. Each rule
 * whose conditions all hold performs its actions, and a `rule_runs` row written in the same
 * transaction records that it acted on this event: the event delivered again, the rule is
 * skipped, so no rule ever acts twice for one event. A rule sees what earlier rules changed.
 */
export async function rulesRunner(
  services: Services,
  props: { accountId: string; eventId: number; occasion: RuleOccasion; now?: Date },
): Promise<RuleRunReport[]> {
  const { accountId, eventId, occasion } = props;
  return services.db.transaction().execute(async (trx) => {
    const rules = await trx
      .selectFrom("rules")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("trigger", "=", occasion.trigger)
      .where("enabled", "=", true)
      .orderBy("position")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    if (rules.length === 0) return [];
    let conversation = await lockConversation(trx, accountId, occasion.conversationId);
    if (!conversation) return [];
    const done = await trx
      .selectFrom("rule_runs")
      .select("rule_id")
      .where("account_id", "=", accountId)
      .where("event_id", "=", eventId)
      .execute();
    const skip = new Set(done.map((run) => run.rule_id));
    let admin: Promise<Actor | null> | undefined;
    const reports: RuleRunReport[] = [];
    const factsOf = (current: Conversation) =>
      loadRuleFacts(trx, current, { messageId: occasion.messageId, now: props.now });
    let facts = await factsOf(conversation);

    for (const rule of rules) {
      if (skip.has(rule.id)) continue;
      const conditions = ZRuleCondition.array().safeParse(rule.conditions);
      const actions = ZRuleAction.array().safeParse(rule.actions);
      if (!conditions.success || !actions.success) {
        services.log.warn({ accountId, ruleId: rule.id }, "rule skipped: unreadable definition");
        continue;
      }
      if (!conditionsMatch(conditions.data, facts)) continue;
      const claimed = await trx
        .insertInto("rule_runs")
        .values({
          account_id: accountId,
          rule_id: rule.id,
          event_id: eventId,
          conversation_id: conversation.id,
        })
        .onConflict((oc) => oc.doNothing())
        .returning("rule_id")
        .executeTakeFirst();
      if (!claimed) continue;

      const outcome: ActionOutcome[] = [];
      for (const action of actions.data) {
        outcome.push(
          await runAction(
            {
              services,
              trx,
              accountId,
              conversationId: conversation.id,
              rule: { id: rule.id, name: rule.name },
              eventId,
              replyActor: () => {
                admin ??= firstAdmin(trx, accountId);
                return admin;
              },
            },
            action,
          ),
        );
      }
      await trx
        .updateTable("rule_runs")
        .set({ outcome: JSON.stringify(outcome) })
        .where("account_id", "=", accountId)
        .where("rule_id", "=", rule.id)
        .where("event_id", "=", eventId)
        .execute();
      reports.push({ ruleId: rule.id, outcome });
      // The next rules see what this one changed.
      conversation = (await lockConversation(trx, accountId, conversation.id)) ?? conversation;
      facts = await factsOf(conversation);
    }
    return reports;
  });
}
