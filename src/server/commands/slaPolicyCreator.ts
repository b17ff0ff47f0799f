import type { Kysely } from "kysely";
import type { TSlaPolicyCreateRequest } from "../../shared/sla.ts";
import type { Actor } from "../auth/actor.ts";
import type { SlaPolicy } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";
import { insertOwned } from "../models/owned.ts";
import { nextSlaPolicyPosition } from "../models/slaPolicies.ts";
import { checkSlaPolicyTeams } from "../sla/policyMatch.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Adds an SLA policy; without a position it is tried after the others. */
export async function slaPolicyCreator(
  db: Kysely<DB>,
  props: { actor: Actor; policy: TSlaPolicyCreateRequest },
): Promise<SlaPolicy> {
  const { actor, policy } = props;
  await checkSlaPolicyTeams(db, actor.accountId, policy.match.teamIds);
  return changeRecorder(db, {
    actor,
    action: "sla_policy.create",
    subjectType: "sla_policy",
    write: async (trx) =>
      insertOwned(trx, "sla_policies", {
        account_id: actor.accountId,
        name: policy.name,
        position: policy.position ?? (await nextSlaPolicyPosition(trx, actor.accountId)),
        match: JSON.stringify(policy.match),
        targets: JSON.stringify(policy.targets),
        hours: policy.hours,
        warn_before_minutes: policy.warnBeforeMinutes ?? null,
      }),
    data: () => ({ ...policy }),
  });
}
