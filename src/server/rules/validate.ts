import type { Kysely } from "kysely";
import type { TRuleAction, TRuleCondition } from "../../shared/rules.ts";
import type { DB } from "../db/schema.ts";
import { validationFailed } from "../errors.ts";
import { CATEGORIES } from "../triage/categories.ts";
import { unknownVariables } from "./templates.ts";

/** "delivery.late", or a family that exists: "delivery.*". */
function knownCategory(pattern: string): boolean {
  if (pattern.endsWith(".*")) {
    const prefix = pattern.slice(0, -1);
    return CATEGORIES.some((category) => category.startsWith(prefix));
  }
  return (CATEGORIES as readonly string[]).includes(pattern);
}

async function existing(
  db: Kysely<DB>,
  table: "users" | "teams" | "channels" | "canned_replies",
  accountId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "in", ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Refuses text whose `{{variables}}` Relais would not fill. */
export function checkTemplate(text: string | null | undefined, field: string): void {
  if (!text) return;
  const unknown = unknownVariables(text);
  if (unknown.length > 0) {
    throw validationFailed(`Invalid body field "${field}": unknown variable {{${unknown[0]}}}.`);
  }
}

/**
 * What the schemas cannot check: every category exists, and every channel, user, team and canned
 * reply a rule names belongs to the account (so a rule never reaches into another account).
 */
export async function checkRuleReferences(
  db: Kysely<DB>,
  accountId: string,
  rule: { conditions?: TRuleCondition[]; actions?: TRuleAction[] },
): Promise<void> {
  const conditions = rule.conditions ?? [];
  const actions = rule.actions ?? [];
  for (const [index, condition] of conditions.entries()) {
    if (condition.type !== "category") continue;
    const unknown = condition.in.find((pattern) => !knownCategory(pattern));
    if (unknown) {
      throw validationFailed(
        `Invalid body field "conditions.${index}.in": unknown category "${unknown}".`,
      );
    }
  }

  const channelIds = conditions.flatMap((c) => (c.type === "channel" ? c.in : []));
  const userIds = actions.flatMap((a) =>
    a.type === "assign_user" ? [a.userId] : a.type === "notify" ? a.userIds : [],
  );
  const teamIds = [
    ...actions.flatMap((a) => (a.type === "assign_team" ? [a.teamId] : [])),
    ...conditions.flatMap((c) => (c.type === "business_hours" && c.teamId ? [c.teamId] : [])),
  ];
  const replyIds = actions.flatMap((a) => (a.type === "reply" ? [a.cannedReplyId] : []));
  const found = {
    channels: await existing(db, "channels", accountId, channelIds),
    users: await existing(db, "users", accountId, userIds),
    teams: await existing(db, "teams", accountId, teamIds),
    replies: await existing(db, "canned_replies", accountId, replyIds),
  };
  for (const [index, condition] of conditions.entries()) {
    if (
      condition.type === "business_hours" &&
      condition.teamId &&
      !found.teams.has(condition.teamId)
    ) {
      throw validationFailed(`Invalid body field "conditions.${index}.teamId": unknown team.`);
    }
    if (condition.type !== "channel") continue;
    if (condition.in.some((id) => !found.channels.has(id))) {
      throw validationFailed(`Invalid body field "conditions.${index}.in": unknown channel.`);
    }
  }
  for (const [index, action] of actions.entries()) {
    const at = `actions.${index}`;
    if (action.type === "assign_user" && !found.users.has(action.userId)) {
      throw validationFailed(`Invalid body field "${at}.userId": unknown user.`);
    }
    if (action.type === "notify" && action.userIds.some((id) => !found.users.has(id))) {
      throw validationFailed(`Invalid body field "${at}.userIds": unknown user.`);
    }
    if (action.type === "notify") checkTemplate(action.text, `${at}.text`);
    if (action.type === "assign_team" && !found.teams.has(action.teamId)) {
      throw validationFailed(`Invalid body field "${at}.teamId": unknown team.`);
    }
    if (action.type === "reply" && !found.replies.has(action.cannedReplyId)) {
      throw validationFailed(`Invalid body field "${at}.cannedReplyId": unknown canned reply.`);
    }
  }
}
