import { type Kysely, sql } from "kysely";
import type { EventPayload } from "../../shared/events.ts";
import type { Actor } from "../auth/actor.ts";
import type { DB } from "../db/schema.ts";

export interface NotificationInput {
  accountId: string;
  /** The `notification.created` payload: text, rule, conversation and whom it is for. */
  payload: EventPayload;
}

const uuidList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** Whom a notification is for: the agents it names (`userIds`, else `userId`), else its team. */
function recipients(payload: EventPayload & Record<string, unknown>) {
  const named = uuidList(payload.userIds);
  const one = typeof payload.userId === "string" ? [payload.userId] : [];
  return {
    user_ids: named.length > 0 ? named : one,
    team_id: typeof payload.teamId === "string" ? payload.teamId : null,
  };
}

/**
 * Stores notifications in the caller's transaction, numbered in each account's own sequence
 * (the counter row is locked until commit, so ids ascend in commit order per account).
 */
export async function insertNotifications(
  trx: Kysely<DB>,
  inputs: readonly NotificationInput[],
): Promise<void> {
  const byAccount = new Map<string, NotificationInput[]>();
  for (const input of inputs) {
    byAccount.set(input.accountId, [...(byAccount.get(input.accountId) ?? []), input]);
  }
  for (const [accountId, items] of byAccount) {
    const counter = await trx
      .insertInto("notification_counters")
      .values({ account_id: accountId, last_id: items.length })
      .onConflict((oc) =>
        oc.column("account_id").doUpdateSet({
          last_id: sql`notification_counters.last_id + ${items.length}`,
        }),
      )
      .returning("last_id")
      .executeTakeFirstOrThrow();
    const first = Number(counter.last_id) - items.length + 1;
    await trx
      .insertInto("notifications")
      .values(
        items.map((item, index) => ({
          account_id: accountId,
          id: first + index,
          ...recipients({ ...item.payload }),
          payload: JSON.stringify(item.payload),
        })),
      )
      .execute();
  }
}

/**
 * The notifications meant for the actor: those naming them, or (naming nobody) one of their
 * teams, or (naming no team either) every agent — the same precedence as the live toast.
 */
export async function notificationsOf(db: Kysely<DB>, actor: Actor) {
  const teams = await db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .execute();
  const teamIds = teams.map((team) => team.team_id);
  return db
    .selectFrom("notifications")
    .where("account_id", "=", actor.accountId)
    .where(
      sql<boolean>`case
        when cardinality(user_ids) > 0 then user_ids @> array[${actor.userId}]::uuid[]
        when team_id is not null
          then ${teamIds.length > 0 ? sql`team_id in (${sql.join(teamIds)})` : sql`false`}
        else true
      end`,
    );
}

/** The newest notification id the actor has read (0 when none). */
export async function notificationsReadUpTo(db: Kysely<DB>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom("notification_reads")
    .select("read_up_to")
    .where("account_id", "=", actor.accountId)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return Number(row?.read_up_to ?? 0);
}

/** Moves the actor's place forward to `upTo`; never backwards. */
export async function markNotificationsRead(
  db: Kysely<DB>,
  actor: Actor,
  upTo: number,
): Promise<void> {
  await db
    .insertInto("notification_reads")
    .values({ account_id: actor.accountId, user_id: actor.userId, read_up_to: upTo })
    .onConflict((oc) =>
      oc.columns(["account_id", "user_id"]).doUpdateSet({
        read_up_to: sql`greatest(notification_reads.read_up_to, excluded.read_up_to)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
