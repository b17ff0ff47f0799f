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
export async function listTeamHolidays(db: Kysely<DB>, accountId: string, teamId: string) {
  return db
    .selectFrom("team_holidays")
    .select(["date", "name"])
    .where("account_id", "=", accountId)
    .where("team_id", "=", teamId)
    .orderBy("date")
    .execute();
}
