import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of effort and satisfaction surveys. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SurveySettingsTable {
  account_id: string;
  settings: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export type SurveyStatus = "pending" | "sent" | "skipped" | "answered";

export interface ResolutionTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string;
  contact_id: string;
  channel_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  category: string | null;
  resolved_at: Timestamp;
  /** The customer's separate contacts (turns) it took to reach this resolution. */
  contacts: Generated<number>;
  /** The same customer wrote on another channel shortly before, about the same problem. */
  channel_switch: Generated<boolean>;
  reopened_at: Timestamp | null;
  survey_status: Generated<SurveyStatus>;
  survey_reason: string | null;
  survey_language: string | null;
  survey_ask: Generated<string[]>;
  token_hash: string | null;
  message_id: string | null;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  answered_at: Timestamp | null;
  ces: number | null;
  csat: number | null;
  comment: string | null;
  /** How the answer came: "page", "link", "reply". */
  answer_source: string | null;
  created_at: Generated<Date>;
}

export type Resolution = Selectable<ResolutionTable>;
