import type { SlaTargetName, TConversationSla } from "../../shared/sla.ts";

/** What the inbox's clock shows: green (running), amber (warned or due soon), red, or paused. */
export type SlaClockTone = "ok" | "warning" | "breached" | "paused";

export interface SlaClockState {
  tone: SlaClockTone;
  target: SlaTargetName | null;
  dueAt: string | null;
  /** Milliseconds until due (negative once late); null when paused. */
  remainingMs: number | null;
}

/** "Breaching soon" as the server's filter reads it: within the hour, or past the warning. */
export const DUE_SOON_MS = 60 * 60_000;

/** The nearest running clock of a conversation and its colour at `now`; null without a policy. */
export function slaClockState(sla: TConversationSla | null, now: number): SlaClockState | null {
  if (!sla) return null;
  const nearest = sla.nearest;
  if (!nearest) {
    if (!sla.paused) return null;
    return { tone: "paused", target: null, dueAt: null, remainingMs: null };
  }
  const remainingMs = new Date(nearest.dueAt).getTime() - now;
  const warned = nearest.warnAt !== null && new Date(nearest.warnAt).getTime() <= now;
  const tone: SlaClockTone =
    nearest.breached || remainingMs <= 0
      ? "breached"
      : warned || remainingMs <= DUE_SOON_MS
        ? "warning"
        : "ok";
  return { tone, target: nearest.target, dueAt: nearest.dueAt, remainingMs };
}
