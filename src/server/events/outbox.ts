import { type Kysely, sql } from "kysely";
import type { EventName, EventPayload, LiveEvent } from "../../shared/events.ts";
import type { DB } from "../db/schema.ts";
import { insertNotifications, withoutRepeats } from "../models/notifications.ts";

export const EVENTS_CHANNEL = "relais_events";

export interface EventInput {
  accountId: string;
  name: EventName;
  payload: EventPayload;
  actorUserId?: string | null;
}

/**
 * Writes an event in the caller's transaction: the events row is the outbox that the relay
 * publishes to job processors, and the NOTIFY, delivered by PostgreSQL only on commit, fans the
 * event out to the agents connected to every server process.
 */
export async function recordEvent(trx: Kysely<DB>, input: EventInput): Promise<LiveEvent | null> {
  const [event] = await recordEvents(trx, [input]);
  return event ?? null;
}

/**
 * Writes several events of one transaction in one round trip: the rows in the order given (their
 * ids ascend in that order), and a NOTIFY for each, in the same order. Notifications are kept in
 * their own table first (the outbox is pruned once published), each event then naming its
 * notification; one repeating a recent one (same kind, subject, recipients) is dropped, event
 * and all, so nobody is told twice.
 */
export async function recordEvents(
  trx: Kysely<DB>,
  given: readonly EventInput[],
): Promise<LiveEvent[]> {
  const wanted = given.filter((input) => input.name === "notification.created");
  const fresh = new Set(wanted.length > 0 ? await withoutRepeats(trx, wanted) : []);
  const kept = given.filter((input) => input.name !== "notification.created" || fresh.has(input));
  if (kept.length === 0) return [];
  const notifications = kept.filter((input) => fresh.has(input));
  const ids = notifications.length > 0 ? await insertNotifications(trx, notifications) : [];
  const inputs = kept.map((input) => {
    const index = notifications.indexOf(input);
    return index < 0
      ? input
      : { ...input, payload: { ...input.payload, notificationId: ids[index] } };
  });
  const values = inputs.map(
    (input) =>
      sql`(${input.accountId}, ${input.name}, ${JSON.stringify(input.payload)}::jsonb, ${input.actorUserId ?? null})`,
  );
  const { rows } = await sql<{ id: number; created_at: Date }>`
    with event as (
      insert into events (account_id, name, payload, actor_user_id)
      values ${sql.join(values)}
      returning id, account_id, name, payload, actor_user_id, created_at
    )
    select event.id, event.created_at, pg_notify(${EVENTS_CHANNEL}, json_build_object(
      'id', event.id, 'name', event.name, 'accountId', event.account_id, 'payload', event.payload,
      'actorUserId', event.actor_user_id,
      'createdAt', to_char(event.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    )::text) as notified
    from event
    order by event.id`.execute(trx);
  if (rows.length !== inputs.length) throw new Error("The events were not recorded.");
  return inputs.map((input, index) => {
    const row = rows[index] as { id: number; created_at: Date };
    return {
      id: Number(row.id),
      name: input.name,
      accountId: input.accountId,
      payload: input.payload,
      actorUserId: input.actorUserId ?? null,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

export interface AuditInput {
  accountId: string;
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
}

export async function recordAudit(trx: Kysely<DB>, input: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      account_id: input.accountId,
      actor_user_id: input.actorUserId,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId ?? null,
      data: JSON.stringify(input.data ?? {}),
    })
    .execute();
}
