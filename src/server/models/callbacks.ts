import type { Kysely } from "kysely";
import type { CallbackStatus } from "../../shared/callbacks.ts";
import type { Callback, DB } from "../db/schema.ts";

export interface CallbackFilter {
  /** Default: the callbacks still to make (scheduled, calling, to reschedule). */
  status?: CallbackStatus[];
  conversationId?: string;
  assigneeId?: string;
  from?: Date;
  limit: number;
}

/** The account's callbacks, soonest first. */
export async function listCallbacks(
  db: Kysely<DB>,
  accountId: string,
  filter: CallbackFilter,
): Promise<Callback[]> {
  return db
    .selectFrom("callbacks")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("status", "in", filter.status ?? ["scheduled", "calling", "to_reschedule"])
    .$if(Boolean(filter.conversationId), (q) =>
      q.where("conversation_id", "=", filter.conversationId ?? ""),
    )
    .$if(Boolean(filter.assigneeId), (q) => q.where("assignee_id", "=", filter.assigneeId ?? ""))
    .$if(Boolean(filter.from), (q) => q.where("scheduled_at", ">=", filter.from ?? new Date(0)))
    .orderBy("scheduled_at", "asc")
    .orderBy("id")
    .limit(filter.limit)
    .execute();
}

/** The zone a user reads times in: their own, or else their account's. */
export async function viewerTimeZone(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
): Promise<{ timeZone: string }> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select(["u.time_zone", "a.time_zone as account_time_zone"])
    .where("u.account_id", "=", accountId)
    .where("u.id", "=", userId)
    .executeTakeFirstOrThrow();
  return { timeZone: row.time_zone ?? row.account_time_zone };
}

/** What a callback takes from its contact by default: their number, and their zone or else the account's. */
export async function findCallbackDefaults(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
): Promise<{ phone: string | null; timeZone: string }> {
  const row = await db
    .selectFrom("contacts as ct")
    .innerJoin("accounts as a", "a.id", "ct.account_id")
    .select(["ct.phone", "ct.time_zone", "a.time_zone as account_time_zone"])
    .where("ct.account_id", "=", accountId)
    .where("ct.id", "=", contactId)
    .executeTakeFirstOrThrow();
  return { phone: row.phone, timeZone: row.time_zone ?? row.account_time_zone };
}

/** The callback the widget booked in this conversation at this time, if any (a request resent). */
export async function findWidgetCallback(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
  scheduledAt: Date,
): Promise<Callback | undefined> {
  return db
    .selectFrom("callbacks")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("conversation_id", "=", conversationId)
    .where("scheduled_at", "=", scheduledAt)
    .where("source", "=", "widget")
    .executeTakeFirst();
}
