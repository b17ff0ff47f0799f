import type { TIdea, TIdeaConversation, TIdeaDetail } from "../../shared/ideas.ts";
import type { IdeaConversationRow, IdeaRow } from "../models/ideas.ts";
import { iso } from "./dates.ts";

const EXCERPT_CHARS = 280;

export function presentIdea(row: IdeaRow): TIdea {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind,
    status: row.status,
    statusNote: row.status_note,
    public: row.public,
    votes: row.votes,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function excerpt(text: string | null): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

export function presentIdeaConversation(row: IdeaConversationRow): TIdeaConversation {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    contact: { id: row.contact_id, name: row.contact_name },
    channelKind: row.channel_kind,
    excerpt: excerpt(row.excerpt),
    linkedAt: iso(row.linked_at),
  };
}

export function presentIdeaDetail(row: IdeaRow, conversations: IdeaConversationRow[]): TIdeaDetail {
  return { ...presentIdea(row), conversations: conversations.map(presentIdeaConversation) };
}
