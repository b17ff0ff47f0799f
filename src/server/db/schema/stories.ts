import type { ColumnType, Generated, Selectable } from "kysely";
import type { Locale } from "../../../shared/enums.ts";
import type { StoryStatus } from "../../../shared/stories.ts";

/** Tables of stories. Same conventions as schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface StoryTable {
  account_id: string;
  id: Generated<string>;
  /** The conversation told; null once it is deleted (the anonymised copy stays). */
  conversation_id: string | null;
  title: string;
  summary: string;
  status: Generated<StoryStatus>;
  locale: Locale;
  /** The anonymised conversation. */
  text: string;
  created_by_user_id: string | null;
  published_by_user_id: string | null;
  published_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type Story = Selectable<StoryTable>;
