import type { TAuditEntry, TContactMergeItem, TTimelineItem } from "../../shared/customers.ts";
import type { AuditRow, ContactMergeRow } from "../models/contactMerges.ts";
import type { TimelineRow } from "../models/contactTimeline.ts";
import { iso } from "./dates.ts";

export function presentContactMerge(row: ContactMergeRow): TContactMergeItem {
  const source = row.source as { name?: unknown };
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: typeof source.name === "string" ? source.name : null,
    mergedAt: iso(row.merged_at),
    mergedBy: row.merged_by_name ?? null,
    mergedById: row.merged_by,
    reason: row.reason,
    undoneAt: row.undone_at ? iso(row.undone_at) : null,
    undoable: row.undone_at === null && row.target_exists !== null,
  };
}

export function presentAuditEntry(row: AuditRow): TAuditEntry {
  const data = row.data;
  return {
    id: Number(row.id),
    action: row.action,
    actor:
      row.actor_user_id && row.actor_name ? { id: row.actor_user_id, name: row.actor_name } : null,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    data,
    reason: typeof data.reason === "string" ? data.reason : null,
    at: iso(row.created_at),
  };
}

export function presentTimelineItem(row: TimelineRow): TTimelineItem {
  return {
    type: row.type,
    id: row.id,
    at: iso(new Date(row.at)),
    conversationId: row.conversation_id,
    conversationNumber: Number(row.conversation_number),
    channelKind: row.channel_kind,
    channelName: row.channel_name,
    direction: row.direction,
    text: row.text,
    status: row.status,
    author: row.author,
  };
}
