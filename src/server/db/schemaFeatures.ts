import type { ColumnType, Generated } from "kysely";
import type { RuleTrigger, TRuleAction, TRuleCondition } from "../../shared/rules.ts";

/**
 * Tables of the automation and real-time features: rules and canned replies, chat sessions,
 * callbacks and calls. Same conventions as schema.ts.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface RuleTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  enabled: Generated<boolean>;
  position: Generated<number>;
  trigger: RuleTrigger;
  conditions: JsonDefault<TRuleCondition[]>;
  actions: JsonDefault<TRuleAction[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CannedReplyTable {
  account_id: string;
  id: Generated<string>;
  shortcut: string;
  title: string;
  body_fr: string | null;
  body_en: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One row per rule that acted on an event: what makes a redelivered event harmless. */
export interface RuleRunTable {
  account_id: string;
  rule_id: string;
  event_id: number;
  conversation_id: string | null;
  outcome: JsonDefault<Array<Record<string, unknown>>>;
  created_at: Generated<Date>;
}

/** Opening intervals per weekday ("mon" … "sun"), local to the team's zone: [["09:00", "17:00"]]. */
export type WeeklyHours = Partial<
  Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", Array<[string, string]>>
>;

export interface ChatSessionTable {
  account_id: string;
  id: Generated<string>;
  channel_id: string;
  /** Null for an anonymous visitor until they first write (the contact is created then). */
  contact_id: string | null;
  /** The name the page gave for an anonymous visitor, for the contact created when they write. */
  name_hint: ColumnType<string | null, string | null | undefined, string | null>;
  /** The value of the visitor's `chat` identity. */
  visitor_id: string;
  token_hash: string;
  verified: Generated<boolean>;
  /** An email the visitor typed (unverified): where offline answers may go, never a merge key. */
  email_hint: string | null;
  locale: string | null;
  time_zone: string | null;
  /** Open widget sockets, across processes; trusted only while `last_seen_at` is recent. */
  connections: Generated<number>;
  last_seen_at: Generated<Date>;
  created_at: Generated<Date>;
}

export type CallbackStatus = "scheduled" | "calling" | "completed" | "to_reschedule" | "cancelled";

export interface CallbackTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string;
  contact_id: string;
  team_id: string | null;
  assignee_id: string | null;
  /** E.164. */
  phone: string;
  scheduled_at: Timestamp;
  customer_time_zone: string;
  status: Generated<CallbackStatus>;
  source: "widget" | "agent" | "api";
  note: string | null;
  attempts: Generated<number>;
  last_call_id: string | null;
  started_by_id: string | null;
  reminded_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CallTable {
  account_id: string;
  id: Generated<string>;
  channel_id: string;
  /** The telephony provider's id (Twilio CallSid). */
  external_id: string;
  conversation_id: string;
  callback_id: string | null;
  direction: "inbound" | "outbound";
  status: string;
  from_number: string;
  to_number: string;
  duration_seconds: number | null;
  recording_url: string | null;
  started_by_id: string | null;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** What agents are told (a rule's notify action, a callback falling due); ids per account. */
export interface NotificationTable {
  account_id: string;
  /** The account's own sequence: newer notifications have larger ids. */
  id: number;
  /** The agents named; empty when the notification is for a team or for everyone. */
  user_ids: ColumnType<string[], string[] | undefined, string[]>;
  team_id: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  /** What the app words it from (mention, assigned, rule…), and what it is about. */
  kind: Generated<string>;
  subject: string | null;
}

/** An agent's choice for one kind: ring in the app, also send by email. */
export interface NotificationSettingTable {
  account_id: string;
  user_id: string;
  kind: string;
  in_app: Generated<boolean>;
  email: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** One notification emailed to one agent (so a job run twice sends it once). */
export interface NotificationEmailTable {
  account_id: string;
  notification_id: number;
  user_id: string;
  sent_at: Generated<Date>;
}

export interface NotificationCounterTable {
  account_id: string;
  last_id: number;
}

/** How far an agent has read the account's notifications (the newest notification id read). */
export interface NotificationReadTable {
  account_id: string;
  user_id: string;
  read_up_to: number;
  updated_at: Generated<Date>;
}
