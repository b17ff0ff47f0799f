import type { Kysely } from "kysely";
import type { TArrivalEstimates } from "../../shared/backoffice.ts";
import type { Actor } from "../auth/actor.ts";
import { saveArrivalEstimates } from "../backoffice/arrivalEstimates.ts";
import type { DB } from "../db/schema.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Sets how long refunds and replacements take to arrive for the actor's account, audited. */
export async function arrivalEstimatesSetter(
  db: Kysely<DB>,
  props: { actor: Actor; estimates: TArrivalEstimates },
): Promise<void> {
  const { actor, estimates } = props;
  await changeRecorder(db, {
    actor,
    action: "arrival_estimates.update",
    subjectType: "account",
    async write(trx) {
      await saveArrivalEstimates(trx, actor.accountId, estimates);
      return { id: actor.accountId };
    },
    data: () => ({ ...estimates }),
  });
}
