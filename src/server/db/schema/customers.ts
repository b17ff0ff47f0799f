import type { ColumnType, Generated, Selectable } from "kysely";

/** Tables of the one-customer work: mentions, merges, dismissed pairs. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type MentionKind = "email" | "phone" | "order";

export interface ContactMentionTable {
  account_id: string;
  id: Generated<string>;
  contact_id: string;
  conversation_id: string;
  message_id: string;
  kind: MentionKind;
  value: string;
  public: boolean;
  created_at: Generated<Date>;
}

/**
 * The keys that moved in a merge, per `table.column` of CONTACT_REFERENCES, and under
 * `delay_recipients.dropped` the source's delay rows the merge deleted (the target had its own).
 */
export type MovedIds = Record<string, unknown[]>;

export interface ContactMergeTable {
  account_id: string;
  id: Generated<string>;
  target_id: string;
  source_id: string;
  /** The absorbed contact's row as it was (without its generated search column). */
  source: Json<Record<string, unknown>>;
  /** The survivor's merged fields before and right after the merge. */
  target_before: Json<Record<string, string | null>>;
  target_after: Json<Record<string, string | null>>;
  moved: Json<MovedIds>;
  reason: string | null;
  merged_by: string | null;
  merged_at: Generated<Date>;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface ContactPairDismissalTable {
  account_id: string;
  contact_a: string;
  contact_b: string;
  dismissed_by: string | null;
  created_at: Generated<Date>;
}

export interface ContactSuggestionTable {
  account_id: string;
  contact_a: string;
  contact_b: string;
  score: number;
  updated_at: Generated<Date>;
}

export interface CustomerTables {
  contact_suggestions: ContactSuggestionTable;
  contact_mentions: ContactMentionTable;
  contact_merges: ContactMergeTable;
  contact_pair_dismissals: ContactPairDismissalTable;
}

export type ContactMerge = Selectable<ContactMergeTable>;
