import { DateTime } from "luxon";
import type { WeeklyHours } from "../db/schema.ts";

/**
 * Business time, pure: when a number of business minutes from a given instant runs out, and how
 * many business minutes lie between two instants. A schedule is either "always" (every minute
 * counts) or a team's weekly hours in its IANA zone minus its holidays. Wall-clock hours are
 * turned into instants by luxon in the zone, so daylight-saving changes are the zone's own.
 */
export type Schedule =
  | { kind: "always" }
  | { kind: "hours"; timeZone: string; weekly: WeeklyHours; holidays: ReadonlySet<string> };

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** How far ahead a clock looks for opening hours before it gives up (a schedule with none). */
const HORIZON_DAYS = 800;
const MINUTE = 60_000;

function clock(day: DateTime, hhmm: string): DateTime {
  if (hhmm === "24:00") return day.plus({ days: 1 }).startOf("day");
  const [hour, minute] = hhmm.split(":").map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}

/** The opening intervals, as instants, of the zone's days from `from`'s day on, in order. */
function* openings(from: Date, schedule: Extract<Schedule, { kind: "hours" }>) {
  let day = DateTime.fromJSDate(from, { zone: schedule.timeZone }).startOf("day");
  for (let i = 0; i < HORIZON_DAYS; i += 1, day = day.plus({ days: 1 })) {
    const date = day.toISODate();
    if (date && schedule.holidays.has(date)) continue;
    const intervals = schedule.weekly[DAY_KEYS[day.weekday - 1] ?? "mon"] ?? [];
    const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [open, close] of sorted) {
      const start = clock(day, open).toMillis();
      const end = clock(day, close).toMillis();
      if (end > start) yield { start, end };
    }
  }
}

/** The instant `minutes` business minutes after `from`; null when the schedule never opens. */
export function addBusinessMinutes(from: Date, minutes: number, schedule: Schedule): Date | null {
  if (schedule.kind === "always") return new Date(from.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  const at = from.getTime();
  for (const { start, end } of openings(from, schedule)) {
    if (end <= at) continue;
    const begin = Math.max(start, at);
    if (left <= end - begin) return new Date(begin + left);
    left -= end - begin;
  }
  return null;
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, schedule: Schedule): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (schedule.kind === "always") return (b - a) / MINUTE;
  let total = 0;
  for (const { start, end } of openings(from, schedule)) {
    if (start >= b) break;
    total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total / MINUTE;
}

/** The next instant the schedule is open at or after `from` (itself when open). */
export function nextOpening(from: Date, schedule: Schedule): Date | null {
  if (schedule.kind === "always") return from;
  for (const { start, end } of openings(from, schedule)) {
    if (end > from.getTime()) return new Date(Math.max(start, from.getTime()));
  }
  return null;
}
