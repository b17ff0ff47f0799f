import { type Kysely, sql } from "kysely";
import type { EventName, EventPayload, LiveEvent } from "../../shared/events.ts";
import type { DB } from "../db/schema.ts";
import { insertNotifications } from "../models/notifications.ts";

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
export async function recordEvent(trx: Kysely<DB>, input: EventInput): Promise<LiveEvent> {
  const [event] = await recordEvents(trx, [input]);
  if (!event) throw new Error("The event was not recorded.");
  return event;
}

/**
 * Writes several events of one transaction in one round trip: the rows in the order given (their
 * ids ascend in that order), and a NOTIFY for each, in the same order.
 */
export async function recordEvents(
  trx: Kysely<DB>,
  inputs: readonly EventInput[],
): Promise<LiveEvent[]> {
  if (inputs.length === 0) return [];
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
  // Notifications are kept in their own table (the outbox is pruned once published).
  const notifications = inputs.filter((input) => input.name === "notification.created");
  if (notifications.length > 0) await insertNotifications(trx, notifications);
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
