import { type Kysely, sql } from "kysely";
import type { SlaPolicy } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";

/** The account's SLA policies in the order they are tried (position, then age). */
export async function listSlaPolicies(db: Kysely<DB>, accountId: string): Promise<SlaPolicy[]> {
  return db
    .selectFrom("sla_policies")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

/** The position after the account's last policy. */
export async function nextSlaPolicyPosition(db: Kysely<DB>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("sla_policies")
    .select(sql<number | null>`max(position)`.as("last"))
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** A team's holidays by date. */
/** Replaces a team's holidays, in the caller's transaction. */
export async function replaceTeamHolidays(
  trx: Kysely<DB>,
  accountId: string,
  teamId: string,
  days: ReadonlyArray<{ date: string; name: string }>,
): Promise<void> {
  await trx
    .deleteFrom("team_holidays")
    .where("account_id", "=", accountId)
    .where("team_id", "=", teamId)
    .execute();
  if (days.length === 0) return;
  await trx
    .insertInto("team_holidays")
    .values(
      days.map((day) => ({
        account_id: accountId,
        team_id: teamId,
        date: day.date,
        name: day.name,
      })),
    )
    .execute();
}

export async function listTeamHolidays(db: Kysely<DB>, accountId: string, teamId: string) {
  return db
    .selectFrom("team_holidays")
    .select(["date", "name"])
    .where("account_id", "=", accountId)
    .where("team_id", "=", teamId)
    .orderBy("date")
    .execute();
}
