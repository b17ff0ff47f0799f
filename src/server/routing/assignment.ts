import type { AssignmentMode } from "../../shared/rules.ts";

export interface Candidate {
  userId: string;
  available: boolean;
  /** Open conversations the agent holds, in every team. */
  openCount: number;
}

export interface AssignmentPolicy {
  mode: AssignmentMode;
  maxOpenPerAgent: number | null;
  /** The member who got the team's previous automatic assignment. */
  lastAssignedUserId: string | null;
}

/** Members in round-robin order, starting with the one after the cursor (by id, so it survives departures). */
function rotation(candidates: readonly Candidate[], cursor: string | null): Candidate[] {
  const sorted = [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  if (!cursor) return sorted;
  const next = sorted.findIndex((candidate) => candidate.userId > cursor);
  return next <= 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}

/**
 * Who gets the team's next conversation, or null when nobody can take it now.
 * - manual: nobody (agents take conversations themselves);
 * - round_robin: the next available member after the previous one;
 * - capacity: the least loaded available member, ties broken in round-robin order.
 * With `maxOpenPerAgent`, an agent holding that many open conversations gets no more, in both modes.
 */
export function pickAssignee(
  candidates: readonly Candidate[],
  policy: AssignmentPolicy,
): string | null {
  if (policy.mode === "manual") return null;
  const max = policy.maxOpenPerAgent;
  const eligible = rotation(candidates, policy.lastAssignedUserId).filter(
    (candidate) => candidate.available && (max === null || candidate.openCount < max),
  );
  if (eligible.length === 0) return null;
  if (policy.mode === "round_robin") return eligible[0]?.userId ?? null;
  let best = eligible[0];
  for (const candidate of eligible) {
    if (best && candidate.openCount < best.openCount) best = candidate;
  }
  return best?.userId ?? null;
}
