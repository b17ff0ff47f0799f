import type { Kysely } from "kysely";
import type { TRuleCreateRequest } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB, Rule } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { nextRulePosition } from "../models/rules.ts";
import { checkRuleReferences } from "../rules/validate.ts";
import { changeRecorder } from "./changeRecorder.ts";

/**
 * Creates an automation rule once everything it names is known to belong to the account; without
 * a position it runs after the others.
 */
export async function ruleCreator(
  db: Kysely<DB>,
  props: { actor: Actor; rule: TRuleCreateRequest },
): Promise<Rule> {
  const { actor, rule } = props;
  await checkRuleReferences(db, actor.accountId, rule);
  return changeRecorder(db, {
    actor,
    action: "rule.create",
    subjectType: "rule",
    write: async (trx) =>
      insertOwned(trx, "rules", {
        account_id: actor.accountId,
        name: rule.name,
        enabled: rule.enabled,
        position: rule.position ?? (await nextRulePosition(trx, actor.accountId)),
        trigger: rule.trigger,
        conditions: JSON.stringify(rule.conditions),
        actions: JSON.stringify(rule.actions),
      }),
    data: () => ({ ...rule }),
  });
}
