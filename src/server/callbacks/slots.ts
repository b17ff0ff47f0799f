import { DateTime } from "luxon";
import type { WeeklyHours } from "../db/schema.ts";
import { WEEKDAYS } from "./businessHours.ts";

/**
 * Time zones with luxon: each day's opening hours are built in the team's own zone with
 * `DateTime.fromObject(…, { zone })`, which follows the IANA rules for that date (so 09:00 in
 * California is 17:00 or 18:00 in Paris depending on which side changed clocks), and every slot
 * is an instant (UTC) shown in any other zone with `setZone`. Nothing adds fixed offsets.
 */

export const SLOT_MINUTES = 30;

export interface LocalTime {
  timeZone: string;
  /** ISO 8601 with the zone's offset at that instant: 2026-11-24T18:00:00.000+01:00. */
  local: string;
  date: string;
  time: string;
  offset: string;
}

export interface Slot {
  /** The instant, in UTC. */
  start: string;
  end: string;
  customer: LocalTime;
  team: LocalTime;
}

export function localTime(at: Date | string, timeZone: string): LocalTime {
  const instant =
    typeof at === "string" ? DateTime.fromISO(at, { zone: "utc" }) : DateTime.fromJSDate(at);
  const zoned = instant.setZone(timeZone);
  return {
    timeZone,
    local: zoned.toISO() ?? "",
    date: zoned.toISODate() ?? "",
    time: zoned.toFormat("HH:mm"),
    offset: zoned.toFormat("ZZ"),
  };
}

interface Interval {
  start: DateTime;
  end: DateTime;
}

/** The opening intervals of each day from `from` for `days` days, in the team's zone. */
export function openingIntervals(weekly: WeeklyHours, timeZone: string, from: Date, days: number) {
  const first = DateTime.fromJSDate(from, { zone: timeZone }).startOf("day");
  const intervals: Interval[] = [];
  for (let offset = 0; offset <= days; offset += 1) {
    const day = first.plus({ days: offset });
    const weekday = WEEKDAYS[day.weekday - 1];
    for (const [open, close] of (weekday && weekly[weekday]) || []) {
      const at = (clock: string) => {
        const [hour, minute] = clock.split(":").map(Number);
        if (hour === 24) return day.plus({ days: 1 }).startOf("day");
        return DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, hour, minute },
          { zone: timeZone },
        );
      };
      intervals.push({ start: at(open), end: at(close) });
    }
  }
  return intervals;
}

/**
 * Seconds of opening hours between two instants (0 when `to` is not after `from`): the
 * business-hours clock of the reports (docs/reports.md).
 */
export function openSecondsBetween(
  weekly: WeeklyHours,
  timeZone: string,
  from: Date,
  to: Date,
): number {
  if (to <= from) return 0;
  const start = from.getTime();
  const end = to.getTime();
  const days = Math.ceil((end - start) / 86_400_000) + 1;
  let milliseconds = 0;
  for (const interval of openingIntervals(weekly, timeZone, from, days)) {
    const open = Math.max(start, interval.start.toMillis());
    const close = Math.min(end, interval.end.toMillis());
    if (close > open) milliseconds += close - open;
  }
  return milliseconds / 1000;
}

export interface SlotQuery {
  weekly: WeeklyHours;
  teamTimeZone: string;
  customerTimeZone: string;
  now?: Date;
  days?: number;
  /** No slot sooner than this after now (time to read the request). */
  leadMinutes?: number;
  /** Instants (ISO, UTC) already fully booked. */
  taken?: ReadonlySet<string>;
  limit?: number;
}

/** Callback slots within the team's business hours, each shown in both zones. */
export function callbackSlots(query: SlotQuery): Slot[] {
  const now = query.now ?? new Date();
  const earliest = DateTime.fromJSDate(now).plus({ minutes: query.leadMinutes ?? 30 });
  const slots: Slot[] = [];
  for (const interval of openingIntervals(query.weekly, query.teamTimeZone, now, query.days ?? 7)) {
    for (
      let start = interval.start;
      start.plus({ minutes: SLOT_MINUTES }) <= interval.end;
      start = start.plus({ minutes: SLOT_MINUTES })
    ) {
      if (start < earliest) continue;
      const iso = start.toUTC().toISO() ?? "";
      if (query.taken?.has(iso)) continue;
      slots.push({
        start: iso,
        end: start.plus({ minutes: SLOT_MINUTES }).toUTC().toISO() ?? "",
        customer: localTime(iso, query.customerTimeZone),
        team: localTime(iso, query.teamTimeZone),
      });
      if (query.limit && slots.length >= query.limit) return slots;
    }
  }
  return slots;
}

/** Whether a callback at `at` fits wholly within the team's opening hours. */
export function withinHours(weekly: WeeklyHours, timeZone: string, at: Date): boolean {
  const start = DateTime.fromJSDate(at);
  const end = start.plus({ minutes: SLOT_MINUTES });
  const from = new Date(at.getTime() - 86_400_000);
  return openingIntervals(weekly, timeZone, from, 2).some(
    (interval) => start >= interval.start && end <= interval.end,
  );
}

/** "mardi 24 novembre, 18:00" / "Tuesday, November 24, 6:00 PM", in the given zone. */
export function formatSlot(at: Date | string, timeZone: string, language: "fr" | "en"): string {
  const instant =
    typeof at === "string" ? DateTime.fromISO(at, { zone: "utc" }) : DateTime.fromJSDate(at);
  return instant
    .setZone(timeZone)
    .setLocale(language === "fr" ? "fr-FR" : "en-US")
    .toLocaleString({
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
    });
}
