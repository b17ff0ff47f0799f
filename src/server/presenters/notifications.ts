import type { TNotification } from "../../shared/notifications.ts";
import { iso } from "./dates.ts";

function kindOf(payload: Record<string, unknown>): TNotification["kind"] {
  if (payload.notificationKind === "mention") return "mention";
  if (payload.notificationKind === "listening_spike") return "listening_spike";
  if (typeof payload.ruleId === "string") return "rule";
  const changes = Array.isArray(payload.changes) ? payload.changes : [];
  if (changes.includes("callback.due")) return "callback_due";
  if (changes.includes("sla.warning")) return "sla_warning";
  if (changes.includes("sla.breached")) return "sla_breached";
  if (changes.includes("promise.broken")) return "promise_broken";
  return "other";
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
  row: { id: number | string; payload: Record<string, unknown>; created_at: Date },
  readUpTo: number,
): TNotification {
  return {
    id: String(row.id),
    kind: kindOf(row.payload),
    text: text(row.payload.text),
    conversationId: text(row.payload.conversationId),
    ruleId: text(row.payload.ruleId),
    read: Number(row.id) <= readUpTo,
    createdAt: iso(row.created_at),
    params: paramsOf(row.payload.params),
  };
}
