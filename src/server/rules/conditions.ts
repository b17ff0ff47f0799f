import type { TRuleCondition, Weekday } from "../../shared/rules.ts";
import { DEFAULT_WEEKLY_HOURS } from "../callbacks/businessHours.ts";
import type { Conversation, WeeklyHours } from "../db/schema.ts";
import { categoryMatches } from "../routing/skills.ts";
import { fold } from "../triage/text.ts";

/** What a rule's conditions are checked against. */
export interface RuleFacts {
  conversation: Pick<
    Conversation,
    | "channel_id"
    | "category"
    | "sentiment"
    | "language"
    | "priority"
    | "status"
    | "visibility"
    | "labels"
    | "author_followers"
    | "team_id"
  >;
  channelKind: string | null;
  /** The customer's e-mail addresses (contact and identities), lower case. */
  contactEmails: string[];
  /** The received message (message.received), else the subject and the latest customer message. */
  text: string;
  /** The account's time zone, for time conditions. */
  timeZone: string;
  /** The teams that have set their opening hours, by name, for business-hours conditions. */
  teamHours: TeamHours[];
  now: Date;
}

export interface TeamHours {
  teamId: string;
  timeZone: string;
  weekly: WeeklyHours;
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** The weekday and minute of the day at `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: WEEKDAY_BY_SHORT[part("weekday")] ?? "mon",
    minute: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

function minutes(time: string): number {
  const [hours, mins] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
}

/** Case- and accent-insensitive, with runs of spaces made one. */
function normalise(text: string): string {
  return fold(text).replace(/\s+/g, " ").trim();
}

function withinWindow(
  condition: Extract<TRuleCondition, { type: "time" }>,
  now: Date,
  timeZone: string,
): boolean {
  const local = localTime(now, timeZone);
  const from = minutes(condition.from);
  const to = minutes(condition.to);
  if (from < to)
    return condition.days.includes(local.day) && local.minute >= from && local.minute < to;
  if (from === to) return false;
  // Spans midnight: the evening belongs to the listed day, the early morning to the day after.
  if (local.minute >= from) return condition.days.includes(local.day);
  if (local.minute < to) {
    const order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
    const yesterday = order[(order.indexOf(local.day) + 6) % 7] ?? "sun";
    return condition.days.includes(yesterday);
  }
  return false;
}

/**
 * Whether `now` falls in opening hours: the chosen team's (or the conversation's), else the
 * first team's that has set them, else weekdays 9–18 in the account's zone.
 */
function withinBusinessHours(teamId: string | null, facts: RuleFacts): boolean {
  const wanted = teamId ?? facts.conversation.team_id;
  const team = facts.teamHours.find((hours) => hours.teamId === wanted) ?? facts.teamHours[0];
  const zone = team?.timeZone ?? facts.timeZone;
  const weekly = team?.weekly ?? DEFAULT_WEEKLY_HOURS;
  const local = localTime(facts.now, zone);
  return (weekly[local.day] ?? []).some(
    ([open, close]) => local.minute >= minutes(open) && local.minute < minutes(close),
  );
}

function emailDomainMatches(email: string, domain: string): boolean {
  const at = email.lastIndexOf("@");
  if (at < 0) return false;
  const host = email.slice(at + 1);
  return host === domain || host.endsWith(`.${domain}`);
}

type Checks = {
  [K in TRuleCondition["type"]]: (
    condition: Extract<TRuleCondition, { type: K }>,
    facts: RuleFacts,
    conversation: RuleFacts["conversation"],
  ) => boolean;
};

/** One check per kind of condition (exhaustive: a new kind does not compile without its check). */
const CHECKS: Checks = {
  channel_kind: (condition, facts) =>
    facts.channelKind !== null && (condition.in as string[]).includes(facts.channelKind),
  channel: (condition, _, c) => c.channel_id !== null && condition.in.includes(c.channel_id),
  category: (condition, _, c) =>
    condition.in.some((pattern) => categoryMatches(pattern, c.category)),
  sentiment: (condition, _, c) => c.sentiment !== null && condition.in.includes(c.sentiment),
  language: (condition, _, c) => c.language !== null && condition.in.includes(c.language),
  priority: (condition, _, c) => condition.in.includes(c.priority),
  status: (condition, _, c) => condition.in.includes(c.status),
  visibility: (condition, _, c) => c.visibility === condition.is,
  text_contains: (condition, facts) => {
    const text = normalise(facts.text);
    return condition.any.some((phrase) => text.includes(normalise(phrase)));
  },
  contact_email_domain: (condition, facts) =>
    facts.contactEmails.some((email) =>
      condition.in.some((domain) => emailDomainMatches(email, domain)),
    ),
  label: (condition, _, c) =>
    c.labels.some((label) => label.toLowerCase() === condition.has.toLowerCase()),
  followers: (condition, _, c) => (c.author_followers ?? 0) >= condition.atLeast,
  time: (condition, facts) => withinWindow(condition, facts.now, facts.timeZone),
  business_hours: (condition, facts) => withinBusinessHours(condition.teamId, facts),
};

export function conditionMatches(condition: TRuleCondition, facts: RuleFacts): boolean {
  // TypeScript cannot correlate the kind with its check; CHECKS is keyed by that very kind.
  const check = CHECKS[condition.type] as (
    condition: TRuleCondition,
    facts: RuleFacts,
    conversation: RuleFacts["conversation"],
  ) => boolean;
  const result = check(condition, facts, facts.conversation);
  return condition.negate ? !result : result;
}

/** Every condition must hold; no condition at all always matches. */
export function conditionsMatch(conditions: readonly TRuleCondition[], facts: RuleFacts): boolean {
  return conditions.every((condition) => conditionMatches(condition, facts));
}
