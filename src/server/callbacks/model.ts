import type { Kysely } from "kysely";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Callback, DB } from "../db/schema.ts";
import { unprocessable } from "../errors.ts";
import type { BusinessHours } from "./businessHours.ts";
import { callbackSlots, type Slot, withinHours } from "./slots.ts";

/** Callbacks that still hold their slot. */
export const ACTIVE_STATUSES = ["scheduled", "calling"] as const;

export async function lockCallback(trx: Kysely<DB>, accountId: string, id: string) {
  return trx
    .selectFrom("callbacks")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Instants (ISO, UTC) at which the team already has as many callbacks as it has people. */
export async function fullSlots(
  db: Kysely<DB>,
  accountId: string,
  hours: BusinessHours,
  except?: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("callbacks")
    .select(["scheduled_at", (eb) => eb.fn.countAll<number>().as("count")])
    .where("account_id", "=", accountId)
    .where("status", "in", [...ACTIVE_STATUSES])
    .where("scheduled_at", ">", new Date())
    .$if(hours.teamId !== null, (query) => query.where("team_id", "=", hours.teamId))
    .$if(Boolean(except), (query) => query.where("id", "!=", except ?? ""))
    .groupBy("scheduled_at")
    .execute();
  return new Set(
    rows
      .filter((row) => Number(row.count) >= hours.capacity)
      .map((row) => row.scheduled_at.toISOString()),
  );
}

export async function availableSlots(
  db: Kysely<DB>,
  accountId: string,
  hours: BusinessHours,
  customerTimeZone: string,
  options: { days?: number; limit?: number; now?: Date } = {},
): Promise<Slot[]> {
  return callbackSlots({
    weekly: hours.weekly,
    teamTimeZone: hours.timeZone,
    customerTimeZone,
    taken: await fullSlots(db, accountId, hours),
    days: options.days ?? 7,
    limit: options.limit,
    now: options.now,
  });
}

/** Refuses a time outside business hours, in the past, too far ahead, or fully booked. */
export async function checkSlot(
  db: Kysely<DB>,
  accountId: string,
  hours: BusinessHours,
  at: Date,
  except?: string,
): Promise<void> {
  const now = Date.now();
  if (at.getTime() < now + 5 * 60_000) {
    throw unprocessable("slot_in_past", "Choose a time at least five minutes from now.");
  }
  if (at.getTime() > now + 60 * 86_400_000) {
    throw unprocessable("slot_too_far", "Choose a time within the next 60 days.");
  }
  if (!withinHours(hours.weekly, hours.timeZone, at)) {
    throw unprocessable(
      "outside_business_hours",
      "This time is outside the team's business hours.",
    );
  }
  if ((await fullSlots(db, accountId, hours, except)).has(at.toISOString())) {
    throw unprocessable("slot_taken", "This time was just taken; choose another one.");
  }
}

/** E.164 from what a customer typed, read in their country when there is no leading +. */
export function e164(raw: string, region?: string | null): string {
  const parsed = parsePhoneNumberFromString(raw, (region?.toUpperCase() ?? "FR") as "FR");
  if (!parsed?.isValid()) {
    throw unprocessable(
      "invalid_phone",
      "This phone number is not valid; include the country code.",
    );
  }
  return parsed.number;
}

/** "+33 6 12 34 56 78": how the number is written for people. */
export function displayPhone(number: string): string {
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number;
}

export type { Callback };
