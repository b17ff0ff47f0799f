import { type Kysely, sql } from "kysely";
import type { Role } from "../../shared/enums.ts";
import {
  ACTION_TYPES,
  type ActionType,
  type AuthorityLimits,
  type LimitPair,
} from "../db/schema/backoffice.ts";
import type { DB } from "../db/schema.ts";

/**
 * Until an admin sets them, the limits of each role, in units of the account's currency (a
 * replacement counts the value of the goods sent). Admins are never limited.
 */
export const DEFAULT_LIMITS: Required<AuthorityLimits> = {
  agent: {
    refund: { perAction: 50, perDay: 200 },
    credit: { perAction: 30, perDay: 100 },
    replacement: { perAction: 100, perDay: 300 },
    return: { perAction: 200, perDay: 1000 },
  },
  supervisor: {
    refund: { perAction: 500, perDay: 2000 },
    credit: { perAction: 300, perDay: 1000 },
    replacement: { perAction: 1000, perDay: 3000 },
    return: { perAction: 2000, perDay: 10000 },
  },
};

export async function loadLimits(db: Kysely<DB>, accountId: string): Promise<AuthorityLimits> {
  const row = await db
    .selectFrom("authority_limits")
    .select("limits")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  const stored = row?.limits ?? {};
  return {
    agent: { ...DEFAULT_LIMITS.agent, ...stored.agent },
    supervisor: { ...DEFAULT_LIMITS.supervisor, ...stored.supervisor },
  };
}

export async function saveLimits(
  db: Kysely<DB>,
  accountId: string,
  limits: AuthorityLimits,
): Promise<void> {
  await db
    .insertInto("authority_limits")
    .values({ account_id: accountId, limits: JSON.stringify(limits) })
    .onConflict((conflict) =>
      conflict.column("account_id").doUpdateSet({
        limits: JSON.stringify(limits),
        updated_at: new Date(),
      }),
    )
    .execute();
}

export interface LimitCheck {
  within: boolean;
  /** In cents; null when the role is not limited. */
  perAction: number | null;
  perDay: number | null;
  /** What the user already did alone today, of this type, in cents. */
  usedToday: number;
}

const cents = (units: number | null | undefined) =>
  units === null || units === undefined ? null : Math.round(units * 100);

/** What the user did within their own authority today (UTC), of this type, in cents. */
export async function usedToday(
  db: Kysely<DB>,
  accountId: string,
  userId: string,
  type: ActionType,
): Promise<number> {
  const row = await db
    .selectFrom("agent_actions")
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as("used"))
    .where("account_id", "=", accountId)
    .where("requested_by", "=", userId)
    .where("type", "=", type)
    .where("status", "=", "done")
    .where("decided_by", "is", null)
    .where(
      "created_at",
      ">=",
      sql<Date>`date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'`,
    )
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

/** Whether an action of `valueCents` stays within the role's limits for this user today. */
export async function checkLimit(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string; role: Role },
  type: ActionType,
  valueCents: number,
): Promise<LimitCheck> {
  const used = await usedToday(db, actor.accountId, actor.userId, type);
  if (actor.role === "admin") {
    return { within: true, perAction: null, perDay: null, usedToday: used };
  }
  // Viewers see dashboards only: they hold no authority at all.
  if (actor.role === "viewer") return { within: false, perAction: 0, perDay: 0, usedToday: used };
  const limits = await loadLimits(db, actor.accountId);
  const pair: LimitPair | undefined = limits[actor.role]?.[type];
  const perAction = cents(pair?.perAction);
  const perDay = cents(pair?.perDay);
  const within =
    (perAction === null || valueCents <= perAction) &&
    (perDay === null || used + valueCents <= perDay);
  return { within, perAction, perDay, usedToday: used };
}

/** The user's limits of every action type, with what they used today. */
export async function checkEveryLimit(
  db: Kysely<DB>,
  actor: { accountId: string; userId: string; role: Role },
): Promise<Array<[ActionType, LimitCheck]>> {
  const checks: Array<[ActionType, LimitCheck]> = [];
  for (const type of ACTION_TYPES) {
    checks.push([type, await checkLimit(db, actor, type, 0)]);
  }
  return checks;
}
