import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of scheduled reports and dashboard choices. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ReportScheduleTable {
  account_id: string;
  id: Generated<string>;
  report: string;
  filters: Json<Record<string, unknown>>;
  cadence: "daily" | "weekly";
  weekday: Generated<string>;
  /** "HH:MM" in `time_zone`. */
  time: string;
  time_zone: string;
  emails: string[];
  locale: "fr" | "en";
  /** The email channel it goes through (null: the account's first one with an SMTP relay). */
  channel_id: string | null;
  enabled: Generated<boolean>;
  next_run_at: Timestamp;
  last_sent_at: Timestamp | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ReportDeliveryStatus = "pending" | "sending" | "sent" | "failed";

export interface ReportDeliveryTable {
  account_id: string;
  schedule_id: string;
  period_start: Timestamp;
  period_end: Timestamp;
  status: Generated<ReportDeliveryStatus>;
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  error: string | null;
  message_id: string | null;
  created_at: Generated<Date>;
}

export interface DashboardSelectionTable {
  account_id: string;
  user_id: string;
  charts: string[];
  updated_at: Generated<Date>;
}

export type ReportSchedule = Selectable<ReportScheduleTable>;
export type ReportDelivery = Selectable<ReportDeliveryTable>;
