import type { Kysely } from "kysely";
import type { EventName, EventPayload } from "../../shared/events.ts";
import type { DB } from "../db/schema.ts";
import { recordAudit, recordEvent } from "../events/outbox.ts";

export interface ChangeProps<T extends { id: string }> {
  /** Who changes what: the account every write is scoped by; the user the audit log names. */
  actor: { accountId: string; userId: string | null };
  /** The audit log's action, `<subject>.<verb>` ("rule.update"), and its subject's type. */
  action: string;
  subjectType: string;
  /** The write itself, in the transaction; returns the row written (or deleted). */
  write(trx: Kysely<DB>): Promise<T>;
  /** What the audit entry keeps besides the subject's id. */
  data?: (row: T) => Record<string, unknown>;
  /** The event that tells processors and connected agents, when the change has one. */
  event?: (row: T) => { name: EventName; payload: EventPayload };
}

/**
 * One change of one row, as every settings resource (teams, rules, canned replies, channels,
 * users) makes it: the write, its event and its audit entry in one transaction, so none is
 * ever kept without the others. The caller has authorized the actor.
 */
export async function changeRecorder<T extends { id: string }>(
  db: Kysely<DB>,
  props: ChangeProps<T>,
): Promise<T> {
  const { actor } = props;
  return db.transaction().execute(async (trx) => {
    const row = await props.write(trx);
    const event = props.event?.(row);
    if (event) {
      await recordEvent(trx, { accountId: actor.accountId, ...event, actorUserId: actor.userId });
    }
    await recordAudit(trx, {
      accountId: actor.accountId,
      actorUserId: actor.userId,
      action: props.action,
      subjectType: props.subjectType,
      subjectId: row.id,
      data: props.data?.(row),
    });
    return row;
  });
}
