import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { deleteDemoRecords, demoIds } from "../models/demoRecords.ts";
import { changeRecorder } from "./changeRecorder.ts";

export interface DemoDataDeleterProps {
  actor: Actor;
}

/**
 * "Delete demo data": removes what the demo created in the actor's account and nothing the team
 * made, with one audit entry counting what went and an `account.updated` event. 404 when the
 * account holds no demo data (anymore). The caller has authorized the actor.
 */
export async function demoDataDeleter(db: Kysely<DB>, props: DemoDataDeleterProps) {
  const { actor } = props;
  const ids = await demoIds(db, actor.accountId);
  if (Object.values(ids).every((list) => list.length === 0)) throw notFound("Demo data");
  const result = await changeRecorder(db, {
    actor,
    action: "account.demo_delete",
    subjectType: "account",
    write: async (trx) => ({
      id: actor.accountId,
      deleted: await deleteDemoRecords(trx, actor.accountId, ids),
    }),
    data: (row) => ({ deleted: row.deleted }),
    event: () => ({ name: "account.updated", payload: { changes: ["demo"] } }),
  });
  return result.deleted;
}
