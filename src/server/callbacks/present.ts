import type { Kysely } from "kysely";
import type { TCallback } from "../../shared/callbacks.ts";
import type { Callback, DB } from "../db/schema.ts";
import { iso } from "../presenters/dates.ts";
import { localTime } from "./slots.ts";

export type { TCallback };

/** Callbacks with what agents need to read them: names, last call, and three local times. */
export async function presentCallbacks(
  db: Kysely<DB>,
  accountId: string,
  rows: Callback[],
  viewer: { timeZone: string },
): Promise<TCallback[]> {
  if (rows.length === 0) return [];
  const account = await db
    .selectFrom("accounts")
    .select("time_zone")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  const contacts = await db
    .selectFrom("contacts")
    .select(["id", "name"])
    .where("account_id", "=", accountId)
    .where("id", "in", [...new Set(rows.map((row) => row.contact_id))])
    .execute();
  const teams = await db
    .selectFrom("teams")
    .select(["id", "name", "time_zone"])
    .where("account_id", "=", accountId)
    .execute();
  const users = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("account_id", "=", accountId)
    .execute();
  const callIds = rows.map((row) => row.last_call_id).filter((id): id is string => Boolean(id));
  const calls = callIds.length
    ? await db
        .selectFrom("calls")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("id", "in", callIds)
        .execute()
    : [];

  return rows.map((row) => {
    const team = teams.find((candidate) => candidate.id === row.team_id) ?? null;
    const assignee = users.find((user) => user.id === row.assignee_id) ?? null;
    const call = calls.find((candidate) => candidate.id === row.last_call_id) ?? null;
    return {
      id: row.id,
      conversationId: row.conversation_id,
      contact: {
        id: row.contact_id,
        name: contacts.find((contact) => contact.id === row.contact_id)?.name ?? null,
      },
      phone: row.phone,
      status: row.status,
      source: row.source,
      scheduledAt: iso(row.scheduled_at),
      customerTime: localTime(row.scheduled_at, row.customer_time_zone),
      teamTime: localTime(row.scheduled_at, team?.time_zone ?? account.time_zone),
      agentTime: localTime(row.scheduled_at, viewer.timeZone),
      team: team ? { id: team.id, name: team.name } : null,
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      attempts: row.attempts,
      note: row.note,
      lastCall: call
        ? {
            id: call.id,
            status: call.status,
            durationSeconds: call.duration_seconds,
            recordingUrl: call.recording_url,
            at: iso(call.created_at),
          }
        : null,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  });
}
