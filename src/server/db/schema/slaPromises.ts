import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of SLA policies, team holidays, SLA clocks and promises. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export const SLA_TARGETS = ["firstResponse", "nextResponse", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export type SlaHours = "always" | "team";

export interface SlaMatch {
  channelKinds?: string[];
  priorities?: string[];
  categories?: string[];
  teamIds?: string[];
}

export interface SlaTargets {
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
}

export interface SlaPolicyTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  position: number;
  match: JsonDefault<SlaMatch>;
  targets: JsonDefault<SlaTargets>;
  hours: SlaHours;
  warn_before_minutes: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamHolidayTable {
  account_id: string;
  team_id: string;
  /** A calendar date in the team's zone, "YYYY-MM-DD". */
  date: string;
  name: string;
}

/**
 * One clock of one target on one conversation. While it runs, `due_at` is when its remaining
 * business minutes (counted from `running_since`) run out; paused, `due_at` is null.
 */
export interface SlaClockTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string;
  policy_id: string | null;
  policy_name: string;
  target: SlaTarget;
  target_minutes: number;
  warn_before_minutes: number | null;
  hours: SlaHours;
  /** The policy, targets and schedule it was started under: a change re-applies the policy. */
  basis: string;
  started_at: Timestamp;
  remaining_minutes: number;
  running_since: Timestamp | null;
  due_at: Timestamp | null;
  warn_at: Timestamp | null;
  paused_at: Timestamp | null;
  /** What started this clock (the customer message of a next-response clock). */
  start_ref: string | null;
  met_at: Timestamp | null;
  warned_at: Timestamp | null;
  breached_at: Timestamp | null;
  superseded_at: Timestamp | null;
  created_at: Generated<Date>;
}

export type PromiseStatus = "open" | "kept" | "broken";

export interface PromiseTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string;
  message_id: string | null;
  callback_id: string | null;
  text: string;
  due_at: Timestamp;
  follow_up: Generated<boolean>;
  status: Generated<PromiseStatus>;
  made_by_user_id: string | null;
  kept_at: Timestamp | null;
  broken_at: Timestamp | null;
  follow_up_message_id: string | null;
  reschedules: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type SlaPolicy = Selectable<SlaPolicyTable>;
export type SlaClock = Selectable<SlaClockTable>;
export type CustomerPromise = Selectable<PromiseTable>;

/** Whether a channel acknowledges a customer's first message with the expected time (off). */
export interface ChannelAcknowledgementTable {
  account_id: string;
  channel_id: string;
  enabled: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** What the estimate of an acknowledgement was computed from (kept to explain it). */
export interface AcknowledgementBasis {
  source?: "history" | "policy";
  medianMinutes?: number;
  samples?: number;
  queueAhead?: number;
  waitMinutes?: number;
  openNow?: boolean;
  opensAt?: string;
}

/** One per conversation once decided: the acknowledgement sent, or why none was. */
export interface ConversationAcknowledgementTable {
  account_id: string;
  conversation_id: string;
  status: "sent" | "skipped";
  message_id: string | null;
  expected_at: Timestamp | null;
  reason: string | null;
  basis: JsonDefault<AcknowledgementBasis>;
  created_at: Generated<Date>;
}
