import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";
import { deleteOwned, type OwnedRow, type OwnedTable } from "../models/owned.ts";
import { type ChangeProps, changeRecorder } from "./changeRecorder.ts";

export interface OwnedDeleterProps<T extends OwnedTable> {
  actor: Actor;
  table: T;
  row: OwnedRow<T>;
  /** The audit log's subject type; the action is `<subjectType>.delete`. */
  subjectType: string;
  data?: ChangeProps<OwnedRow<T>>["data"];
  event?: ChangeProps<OwnedRow<T>>["event"];
}

/**
 * Deletes a row the actor's account owns, as every settings resource does (teams, rules, canned
 * replies, SLA policies): the delete, its event and its audit entry in one transaction.
 */
export async function ownedDeleter<T extends OwnedTable>(
  db: Kysely<DB>,
  props: OwnedDeleterProps<T>,
): Promise<OwnedRow<T>> {
  const { actor, table, row, subjectType } = props;
  return changeRecorder(db, {
    actor,
    action: `${subjectType}.delete`,
    subjectType,
    write: (trx) => deleteOwned(trx, table, actor.accountId, row.id),
    data: props.data,
    event: props.event,
  });
}
