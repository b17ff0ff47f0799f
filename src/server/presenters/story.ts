import type { TStory } from "../../shared/stories.ts";
import type { Story } from "../db/schema/stories.ts";
import { iso, isoOrNull } from "./dates.ts";

export function presentStory(row: Story): TStory {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    text: row.text,
    locale: row.locale,
    conversationId: row.conversation_id,
    createdAt: iso(row.created_at),
    publishedAt: isoOrNull(row.published_at),
  };
}
