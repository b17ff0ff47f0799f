import type { TFunction } from "i18next";
import {
  type RuleActionType,
  type RuleConditionType,
  type RuleTrigger,
  type TRuleActionInput,
  type TRuleConditionInput,
  WEEKDAYS,
} from "../../../../shared/rules.ts";
import { CATEGORIES, categoryKey } from "../../../lib/triage.ts";

/** The kinds of condition, in the order the form offers them. */
export const CONDITION_TYPES: readonly RuleConditionType[] = [
  "channel_kind",
  "channel",
  "category",
  "sentiment",
  "language",
  "priority",
  "status",
  "visibility",
  "text_contains",
  "contact_email_domain",
  "label",
  "followers",
  "time",
  "business_hours",
];

export const ACTION_TYPES: readonly RuleActionType[] = [
  "assign_user",
  "assign_team",
  "set_priority",
  "add_label",
  "reply",
  "notify",
  "reopen",
];

/** Known once triage has run: they fit the "conversation triaged" trigger. */
export const TRIAGE_CONDITIONS: ReadonlySet<RuleConditionType> = new Set([
  "category",
  "sentiment",
  "language",
  "priority",
]);

/** The trigger as an i18n key: conversation.triaged becomes conversation_triaged. */
export function triggerKey(trigger: RuleTrigger): string {
  return trigger.replace(".", "_");
}

export function isTriageTrigger(trigger: RuleTrigger): boolean {
  return triggerKey(trigger) === "conversation_triaged";
}

export function emptyCondition(type: RuleConditionType): TRuleConditionInput {
  switch (type) {
    case "visibility":
      return { type, is: "public", negate: false };
    case "text_contains":
      return { type, any: [], negate: false };
    case "label":
      return { type, has: "", negate: false };
    case "followers":
      return { type, atLeast: 1000, negate: false };
    case "time":
      return {
        type,
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "09:00",
        to: "18:00",
        negate: false,
      };
    case "business_hours":
      return { type, teamId: null, negate: false };
    case "channel_kind":
    case "sentiment":
    case "priority":
    case "status":
      return { type, in: [], negate: false };
    case "channel":
    case "category":
    case "language":
    case "contact_email_domain":
      return { type, in: [], negate: false };
  }
}

export function emptyAction(type: RuleActionType): TRuleActionInput {
  switch (type) {
    case "assign_user":
      return { type, userId: "" };
    case "assign_team":
      return { type, teamId: "" };
    case "set_priority":
      return { type, priority: "high" };
    case "add_label":
      return { type, label: "" };
    case "reply":
      return { type, cannedReplyId: "" };
    case "notify":
      return { type, text: "", userIds: [] };
    case "reopen":
      return { type };
  }
}

/** Category families ("delivery.*") that exist among the triage categories. */
export const CATEGORY_FAMILIES: readonly string[] = [
  ...new Set(
    CATEGORIES.filter((category) => category.includes(".")).map(
      (category) => `${category.split(".")[0]}.*`,
    ),
  ),
];

export function categoryLabel(pattern: string, t: TFunction): string {
  if (pattern.endsWith(".*")) {
    const family = pattern.slice(0, -2);
    return t(`rules.families.${family}`, { defaultValue: pattern });
  }
  return t(categoryKey(pattern), { defaultValue: pattern });
}

/** What the words "is / is not" become for each kind of condition. */
export function negateLabels(type: RuleConditionType, t: TFunction): [string, string] {
  switch (type) {
    case "text_contains":
      return [t("rules.negate.contains"), t("rules.negate.notContains")];
    case "label":
      return [t("rules.negate.has"), t("rules.negate.hasNot")];
    case "followers":
      return [t("rules.negate.atLeast"), t("rules.negate.fewer")];
    case "time":
    case "business_hours":
      return [t("rules.negate.within"), t("rules.negate.outside")];
    default:
      return [t("rules.negate.is"), t("rules.negate.isNot")];
  }
}

export interface Names {
  channel(id: string): string;
  user(id: string): string;
  team(id: string): string;
  cannedReply(id: string): string;
  language(code: string): string;
}

function list(values: readonly string[], t: TFunction, label: (value: string) => string) {
  return values.map(label).join(t("rules.or"));
}

/** One condition in words: "Sentiment is Negative or Neutral". */
export function describeCondition(condition: TRuleConditionInput, t: TFunction, names: Names) {
  if (condition.type === "business_hours") {
    const team = condition.teamId
      ? names.team(condition.teamId)
      : t("rules.businessHours.conversationTeam");
    return t(`rules.businessHours.${condition.negate ? "outside" : "within"}`, { team });
  }
  const [is, isNot] = negateLabels(condition.type, t);
  const verb = condition.negate ? isNot : is;
  const subject = t(`rules.conditions.${condition.type}`);
  const value = (() => {
    switch (condition.type) {
      case "channel_kind":
        return list(condition.in, t, (kind) => t(`channelKinds.${kind}`));
      case "channel":
        return list(condition.in, t, names.channel);
      case "category":
        return list(condition.in, t, (pattern) => categoryLabel(pattern, t));
      case "sentiment":
        return list(condition.in, t, (value) => t(`sentiments.${value}`));
      case "language":
        return list(condition.in, t, names.language);
      case "priority":
        return list(condition.in, t, (value) => t(`priorities.${value}`));
      case "status":
        return list(condition.in, t, (value) => t(`statuses.${value}`));
      case "visibility":
        return t(`rules.visibility.${condition.is}`);
      case "text_contains":
        return list(condition.any, t, (phrase) => t("rules.quoted", { text: phrase }));
      case "contact_email_domain":
        return list(condition.in, t, (domain) => `@${domain}`);
      case "label":
        return condition.has;
      case "followers":
        return String(condition.atLeast);
      case "time": {
        const days = condition.days ?? WEEKDAYS;
        const dayText =
          days.length === 7
            ? t("rules.everyDay")
            : days.map((day) => t(`weekdays.${day}`)).join(", ");
        return `${dayText}, ${condition.from ?? "00:00"}–${condition.to ?? "24:00"}`;
      }
    }
  })();
  return `${subject} ${verb} ${value}`;
}

export function describeAction(action: TRuleActionInput, t: TFunction, names: Names): string {
  switch (action.type) {
    case "assign_user":
      return t("rules.summary.assignUser", { name: names.user(action.userId) });
    case "assign_team":
      return t("rules.summary.assignTeam", { name: names.team(action.teamId) });
    case "set_priority":
      return t("rules.summary.setPriority", { priority: t(`priorities.${action.priority}`) });
    case "add_label":
      return t("rules.summary.addLabel", { label: action.label });
    case "reply":
      return t("rules.summary.reply", { name: names.cannedReply(action.cannedReplyId) });
    case "notify":
      return (action.userIds?.length ?? 0) > 0
        ? t("rules.summary.notifySome", {
            names: (action.userIds ?? []).map(names.user).join(", "),
          })
        : t("rules.summary.notifyAll");
    case "reopen":
      return t("rules.summary.reopen");
  }
}

/**
 * Where a 400 answer points: `Invalid body field "conditions.0.from": must be HH:MM` →
 * { section: "conditions", index: 0 }.
 */
export function errorTarget(
  message: string,
): { section: "conditions" | "actions" | "name" | "trigger"; index: number | null } | null {
  const path = /field "([^"]+)"/.exec(message)?.[1];
  if (!path) return null;
  const [head, index] = path.split(".");
  if (head === "conditions" || head === "actions") {
    return {
      section: head,
      index: index !== undefined && /^\d+$/.test(index) ? Number(index) : null,
    };
  }
  if (head === "name" || head === "trigger") return { section: head, index: null };
  return null;
}
