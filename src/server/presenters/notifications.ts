import { NOTIFICATION_KINDS, type TNotification } from "../../shared/notifications.ts";
import { iso } from "./dates.ts";

const KINDS: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

function kindOf(kind: string): TNotification["kind"] {
  return KINDS.has(kind) ? (kind as TNotification["kind"]) : "other";
}

function paramsOf(value: unknown): Record<string, string | number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === "string" || typeof entry[1] === "number",
    ),
  );
}

const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/** One notification as the agent sees it; `read` when at or below their place (`readUpTo`). */
export function presentNotification(
  row: { id: number | string; kind: string; payload: Record<string, unknown>; created_at: Date },
  readUpTo: number,
): TNotification {
  return {
    id: String(row.id),
    kind: kindOf(row.kind),
    text: text(row.payload.text),
    conversationId: text(row.payload.conversationId),
    ruleId: text(row.payload.ruleId),
    read: Number(row.id) <= readUpTo,
    createdAt: iso(row.created_at),
    params: paramsOf(row.payload.params),
  };
}
