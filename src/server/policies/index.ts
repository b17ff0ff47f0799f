import type { Actor } from "../auth/actor.ts";
import { forbidden } from "../errors.ts";
import { accountRules } from "./account.ts";
import { articleRules } from "./article.ts";
import { auditRules } from "./audit.ts";
import { backofficeRules } from "./backoffice.ts";
import { channelRules } from "./channel.ts";
import { contactRules } from "./contact.ts";
import { conversationRules } from "./conversation.ts";
import { emailQuarantineRules } from "./emailQuarantine.ts";
import { ideaRules } from "./idea.ts";
import { labelRules } from "./label.ts";
import { listeningRules } from "./listening.ts";
import { notificationRules } from "./notification.ts";
import { reportRules } from "./report.ts";
import { ruleRules } from "./rule.ts";
import { slaRules } from "./sla.ts";
import { storyRules } from "./story.ts";
import { surveyRules } from "./survey.ts";
import { teamRules } from "./team.ts";
import { tokenRules } from "./token.ts";
import { userRules } from "./user.ts";

/** Something owned by an account; every rule first checks it is the actor's. */
export interface Owned {
  account_id: string;
}

export type Rule = (actor: Actor, subject?: Owned & Record<string, unknown>) => boolean;

const rules = {
  ...conversationRules,
  ...contactRules,
  ...userRules,
  ...teamRules,
  ...channelRules,
  ...tokenRules,
  ...ruleRules,
  ...notificationRules,
  ...emailQuarantineRules,
  ...backofficeRules,
  ...surveyRules,
  ...reportRules,
  ...slaRules,
  ...auditRules,
  ...accountRules,
  ...labelRules,
  ...ideaRules,
  ...storyRules,
  ...articleRules,
  ...listeningRules,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

export function can(actor: Actor, action: Action, subject?: Owned): boolean {
  if (subject && subject.account_id !== actor.accountId) return false;
  return rules[action](actor, subject as (Owned & Record<string, unknown>) | undefined);
}

/** Throws 403 unless the actor may perform `action` (on `subject`, when given). */
export function authorize(actor: Actor, action: Action, subject?: Owned): void {
  if (!can(actor, action, subject)) throw forbidden();
}
