import type { Kysely } from "kysely";
import type { TRuleUpdateRequest } from "../../shared/rules.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB, Rule } from "../db/schema.ts";
import { updateOwned } from "../models/owned.ts";
import { checkRuleReferences } from "../rules/validate.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Changes, reorders, enables or disables a rule; what it names must belong to the account. */
export async function ruleUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; rule: Rule; changes: TRuleUpdateRequest },
): Promise<Rule> {
  const { actor, rule, changes } = props;
  await checkRuleReferences(db, actor.accountId, changes);
  return changeRecorder(db, {
    actor,
    action: "rule.update",
    subjectType: "rule",
    write: (trx) =>
      updateOwned(trx, "rules", actor.accountId, rule.id, {
        name: changes.name,
        enabled: changes.enabled,
        position: changes.position,
        trigger: changes.trigger,
        conditions: changes.conditions ? JSON.stringify(changes.conditions) : undefined,
        actions: changes.actions ? JSON.stringify(changes.actions) : undefined,
        updated_at: new Date(),
      }),
    data: () => ({ ...changes }),
  });
}
