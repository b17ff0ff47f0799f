import type { Kysely } from "kysely";
import type { TSlaPolicyUpdateRequest } from "../../shared/sla.ts";
import type { Actor } from "../auth/actor.ts";
import type { SlaPolicy } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";
import { updateOwned } from "../models/owned.ts";
import { checkSlaPolicyTeams } from "../sla/policyMatch.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Changes an SLA policy; clocks already running keep the targets they started with. */
export async function slaPolicyUpdater(
  db: Kysely<DB>,
  props: { actor: Actor; policy: SlaPolicy; changes: TSlaPolicyUpdateRequest },
): Promise<SlaPolicy> {
  const { actor, policy, changes } = props;
  await checkSlaPolicyTeams(db, actor.accountId, changes.match?.teamIds);
  return changeRecorder(db, {
    actor,
    action: "sla_policy.update",
    subjectType: "sla_policy",
    write: (trx) =>
      updateOwned(trx, "sla_policies", actor.accountId, policy.id, {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.position !== undefined && { position: changes.position }),
        ...(changes.match !== undefined && { match: JSON.stringify(changes.match) }),
        ...(changes.targets !== undefined && { targets: JSON.stringify(changes.targets) }),
        ...(changes.hours !== undefined && { hours: changes.hours }),
        ...(changes.warnBeforeMinutes !== undefined && {
          warn_before_minutes: changes.warnBeforeMinutes,
        }),
        updated_at: new Date(),
      }),
    data: () => ({ ...changes }),
  });
}
