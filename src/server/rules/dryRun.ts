import type { Kysely } from "kysely";
import type { TRuleTestResult } from "../../shared/rules.ts";
import type { Conversation, DB, Rule } from "../db/schema.ts";
import { conditionMatches } from "./conditions.ts";
import { loadRuleFacts } from "./facts.ts";

/** Which of a rule's conditions a conversation meets now; nothing is changed. */
export async function ruleDryRun(
  db: Kysely<DB>,
  props: { rule: Rule; conversation: Conversation },
): Promise<TRuleTestResult> {
  const facts = await loadRuleFacts(db, props.conversation);
  const conditions = props.rule.conditions.map((condition) => ({
    condition,
    matched: conditionMatches(condition, facts),
  }));
  return {
    matched: conditions.every((result) => result.matched),
    conditions,
    actions: props.rule.actions,
  };
}
