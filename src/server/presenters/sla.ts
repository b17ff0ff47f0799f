import type { SlaTargetName, TConversationSla } from "../../shared/sla.ts";
import type { SlaClock } from "../db/schema/slaPromises.ts";
import { iso, isoOrNull } from "./dates.ts";

/**
 * A conversation's SLA: the policy of its current clocks, the due time of each target still
 * running (null when met, paused or not applicable), and every breach it has had. Null when no
 * policy ever applied.
 */
export function presentConversationSla(clocks: readonly SlaClock[]): TConversationSla | null {
  if (clocks.length === 0) return null;
  const current = clocks.filter((clock) => !clock.superseded_at);
  const latest = current.at(-1) ?? clocks.at(-1);
  if (!latest) return null;
  const running = current.filter((clock) => !clock.met_at);
  const dueOf = (target: SlaTargetName) =>
    isoOrNull(running.find((clock) => clock.target === target)?.due_at);
  const nearest = running
    .filter((clock) => clock.due_at !== null)
    .sort((a, b) => new Date(a.due_at as Date).getTime() - new Date(b.due_at as Date).getTime())
    .at(0);
  return {
    policyId: latest.policy_id,
    policyName: latest.policy_name,
    firstResponseDueAt: dueOf("firstResponse"),
    nextResponseDueAt: dueOf("nextResponse"),
    resolutionDueAt: dueOf("resolution"),
    paused: running.some((clock) => clock.paused_at !== null),
    breaches: clocks
      .filter((clock) => clock.breached_at)
      .map((clock) => ({ target: clock.target, at: iso(clock.breached_at as Date) })),
    nearest: nearest
      ? {
          target: nearest.target,
          dueAt: iso(nearest.due_at as Date),
          warnAt: isoOrNull(nearest.warn_at),
          breached: nearest.breached_at !== null,
        }
      : null,
  };
}

/** The nearest due time of the conversation's running clocks, for the list's clock. */
export function nearestDue(sla: TConversationSla | null): string | null {
  if (!sla) return null;
  const dues = [sla.firstResponseDueAt, sla.nextResponseDueAt, sla.resolutionDueAt]
    .filter((due): due is string => due !== null)
    .sort();
  return dues[0] ?? null;
}
