import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import { saveLimits } from "../backoffice/authority.ts";
import type { AuthorityLimits } from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";
import { changeRecorder } from "./changeRecorder.ts";

/** Sets what agents and supervisors of the actor's account may do alone, audited. */
export async function authorityLimitsSetter(
  db: Kysely<DB>,
  props: { actor: Actor; limits: AuthorityLimits },
): Promise<void> {
  const { actor, limits } = props;
  await changeRecorder(db, {
    actor,
    action: "authority_limits.update",
    subjectType: "account",
    async write(trx) {
      await saveLimits(trx, actor.accountId, limits);
      return { id: actor.accountId };
    },
    data: () => ({ ...limits }),
  });
}
