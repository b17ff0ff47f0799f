import { DateTime } from "luxon";
import { SCHEDULE_WEEKDAYS } from "../../../shared/reportSchedules.ts";

/** When a schedule goes out: each day, or one weekday, at a local time of a time zone. */
export interface Cadence {
  cadence: "daily" | "weekly";
  weekday: string;
  time: string;
  timeZone: string;
}

const step = (cadence: Cadence) => (cadence.cadence === "daily" ? { days: 1 } : { weeks: 1 });

/**
 * The latest instant the schedule was due at or before `now`. Built in the schedule's own zone
 * (luxon follows the IANA rules of that date), so "08:00 Europe/Paris" stays 08:00 across the
 * change of clocks; a local time that does not exist that day (spring forward) moves forward.
 */
export function latestOccurrence(cadence: Cadence, now: Date): Date {
  const [hour, minute] = cadence.time.split(":").map(Number);
  const local = DateTime.fromJSDate(now, { zone: cadence.timeZone });
  let at = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour, minute },
    { zone: cadence.timeZone },
  );
  if (cadence.cadence === "weekly") {
    const weekday = SCHEDULE_WEEKDAYS.indexOf(cadence.weekday as never) + 1 || 1;
    at = at.minus({ days: (at.weekday - weekday + 7) % 7 });
  }
  if (at.toMillis() > now.getTime()) at = at.minus(step(cadence));
  return at.toJSDate();
}

/** The first instant the schedule is due strictly after `now`. */
export function nextOccurrence(cadence: Cadence, now: Date): Date {
  const latest = DateTime.fromJSDate(latestOccurrence(cadence, now), { zone: cadence.timeZone });
  return latest.plus(step(cadence)).toJSDate();
}

/** The period a sending at `end` reports on: the day or the week that ends then. */
export function periodEndingAt(cadence: Cadence, end: Date): { start: Date; end: Date } {
  const start = DateTime.fromJSDate(end, { zone: cadence.timeZone }).minus(step(cadence));
  return { start: start.toJSDate(), end };
}
