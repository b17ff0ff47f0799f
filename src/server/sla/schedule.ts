import type { Kysely } from "kysely";
import { businessHoursFor } from "../callbacks/businessHours.ts";
import type { SlaHours } from "../db/schema/slaPromises.ts";
import type { DB } from "../db/schema.ts";
import type { Schedule } from "./clock.ts";

/**
 * The schedule a clock counts on: every minute, or the conversation's team's business hours
 * (the same hours callbacks use: the team's, else the account's first team with hours, else
 * weekdays 9–18 in the account's zone) without that team's holidays.
 */
export async function scheduleFor(
  db: Kysely<DB>,
  accountId: string,
  hours: SlaHours,
  teamId: string | null,
): Promise<Schedule> {
  if (hours === "always") return { kind: "always" };
  const business = await businessHoursFor(db, accountId, teamId, { fallback: true });
  const holidays = business.teamId
    ? await db
        .selectFrom("team_holidays")
        .select("date")
        .where("account_id", "=", accountId)
        .where("team_id", "=", business.teamId)
        .execute()
    : [];
  return {
    kind: "hours",
    timeZone: business.timeZone,
    weekly: business.weekly,
    holidays: new Set(holidays.map((day) => day.date)),
  };
}
