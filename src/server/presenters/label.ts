import type { LabelColour, TLabel } from "../../shared/labels.ts";
import type { Label } from "../db/schema.ts";
import { iso } from "./dates.ts";

export function presentLabel(row: Label & { conversation_count?: number }): TLabel {
  return {
    id: row.id,
    name: row.name,
    colour: row.colour as LabelColour,
    description: row.description,
    conversationCount: row.conversation_count ?? 0,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
