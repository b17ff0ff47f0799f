import type { Generated, Selectable } from "kysely";
import type { IdeaKind, IdeaStatus } from "../../../shared/ideas.ts";

/** Tables of customers' ideas. Same conventions as schema.ts. */
export interface IdeaTable {
  account_id: string;
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  kind: IdeaKind;
  status: Generated<IdeaStatus>;
  status_note: string | null;
  public: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A conversation that gave an idea; its customer is one vote (once per idea). */
export interface IdeaLinkTable {
  account_id: string;
  id: Generated<string>;
  idea_id: string;
  conversation_id: string;
  linked_by: string | null;
  created_at: Generated<Date>;
}

/** One customer told of one status of one idea (or why they could not be): unique per triple. */
export interface IdeaNoticeTable {
  account_id: string;
  id: Generated<string>;
  idea_id: string;
  contact_id: string;
  status: IdeaStatus;
  conversation_id: string | null;
  message_id: string | null;
  channel_id: string | null;
  language: string | null;
  skipped_reason: string | null;
  created_at: Generated<Date>;
}

export interface IdeaTables {
  ideas: IdeaTable;
  idea_links: IdeaLinkTable;
  idea_notices: IdeaNoticeTable;
}

export type Idea = Selectable<IdeaTable>;
export type IdeaLink = Selectable<IdeaLinkTable>;
export type IdeaNotice = Selectable<IdeaNoticeTable>;
