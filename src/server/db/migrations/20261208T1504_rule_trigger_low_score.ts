import type { Migration } from "../migrate.ts";

/**
 * Rules may react to a low survey score ("survey.low_score"). The check lists every trigger of
 * `RULE_TRIGGERS` (src/shared/rules.ts), the SLA ones included, which it did not list yet.
 */
export const ruleTriggerLowScore: Migration = {
  name: "20261208T1504_rule_trigger_low_score",
  statements: [
    `alter table rules drop constraint if exists rules_trigger_check`,
    `alter table rules add constraint rules_trigger_check check (trigger in (
       'message.received', 'conversation.created', 'conversation.status_changed',
       'conversation.triaged', 'sla.warning', 'sla.breached', 'survey.low_score'))`,
  ],
};
