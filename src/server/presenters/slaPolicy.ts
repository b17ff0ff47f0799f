import type { TSlaPolicy } from "../../shared/sla.ts";
import type { SlaPolicy } from "../db/schema/slaPromises.ts";
import { iso } from "./dates.ts";

export function presentSlaPolicy(row: SlaPolicy): TSlaPolicy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    match: row.match as TSlaPolicy["match"],
    targets: row.targets,
    hours: row.hours,
    warnBeforeMinutes: row.warn_before_minutes,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
