import type { Kysely } from "kysely";
import { IANAZone } from "luxon";
import { z } from "zod";
import type { DB, WeeklyHours } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM");

/** `{"mon": [["09:00", "12:30"], ["14:00", "18:00"]], …}` in the team's own zone. */
export const ZWeeklyHours = z.partialRecord(
  z.enum(WEEKDAYS),
  z
    .array(
      z.tuple([ZClock, ZClock]).refine(([open, close]) => open < close, "opens before it closes"),
    )
    .max(6),
);

export const ZTimeZone = z
  .string()
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone (Europe/Paris)");

/** When no team has set its hours: weekdays, 9:00 to 18:00, in the account's zone. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  mon: [["09:00", "18:00"]],
  tue: [["09:00", "18:00"]],
  wed: [["09:00", "18:00"]],
  thu: [["09:00", "18:00"]],
  fri: [["09:00", "18:00"]],
};

export interface BusinessHours {
  teamId: string | null;
  teamName: string | null;
  timeZone: string;
  weekly: WeeklyHours;
  /** How many calls the team can make at the same time (its members, at least one). */
  capacity: number;
}

/**
 * The hours that bound callbacks. A chosen team's own, and when it has set none a
 * `team_without_hours` error rather than another team's hours, unless `fallback` is asked (a
 * notice offering alternatives to the customer must still go out). Without a team: the first team
 * (by name) that has set its hours, else weekdays 9–18 in the account's zone.
 */
export async function businessHoursFor(
  db: Kysely<DB>,
  accountId: string,
  teamId?: string | null,
  options: { fallback?: boolean } = {},
): Promise<BusinessHours> {
  const teams = await db
    .selectFrom("teams")
    .select(["id", "name", "time_zone", "business_hours"])
    .where("account_id", "=", accountId)
    .where("time_zone", "is not", null)
    .orderBy("name")
    .execute();
  const chosen = teams.find((row) => row.id === teamId);
  if (teamId && !chosen && !options.fallback) {
    throw unprocessable(
      "team_without_hours",
      "This team has not set its business hours: choose another team, or set its hours in Settings › Teams.",
    );
  }
  const team = chosen ?? teams[0];
  if (team?.time_zone) {
    const members = await db
      .selectFrom("team_members")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("account_id", "=", accountId)
      .where("team_id", "=", team.id)
      .executeTakeFirst();
    return {
      teamId: team.id,
      teamName: team.name,
      timeZone: team.time_zone,
      weekly: team.business_hours,
      capacity: Math.max(1, Number(members?.count ?? 0)),
    };
  }
  const account = await db
    .selectFrom("accounts")
    .select("time_zone")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  return {
    teamId: null,
    teamName: null,
    timeZone: account.time_zone,
    weekly: DEFAULT_WEEKLY_HOURS,
    capacity: 1,
  };
}
