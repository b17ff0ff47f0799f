/** Dates, times and durations in the agent's language, with the browser's Intl. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
    relativeFormats.set(locale, format);
  }
  return format;
}

/**
 * Every relative time and duration of the app comes from here, in the reader's language and in
 * one style: Intl's "short" units ("18 min", "2 hr" / "2 h", "3 days" / "3 j"), so that a list
 * never mixes "18m" with "30 min. ago". English abbreviations lose their full stop ("min.",
 * "hr.") to read like the durations beside them.
 */
function withoutAbbreviationStops(text: string): string {
  return text.replace(/(\p{L})\.(?=\s|$)/gu, "$1");
}

/** "il y a 5 min", "5 min ago", "hier", "in 2 hr". */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const format = relativeFormat(locale);
  if (abs < 45_000) return format.format(0, "second");
  if (abs < HOUR)
    return withoutAbbreviationStops(format.format(Math.round(diff / MINUTE), "minute"));
  if (abs < DAY) return withoutAbbreviationStops(format.format(Math.round(diff / HOUR), "hour"));
  if (abs < 30 * DAY) return withoutAbbreviationStops(format.format(Math.round(diff / DAY), "day"));
  return formatDate(iso, locale);
}

type DurationUnit = "second" | "minute" | "hour" | "day";

function unit(value: number, name: DurationUnit, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: name,
    unitDisplay: "short",
  }).format(value);
}

/** A compact duration for "waiting for": "4 min", "3 hr" / "3 h", "2 days" / "2 j". */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) return unit(minutes, "minute", locale);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, "hour", locale);
  return unit(Math.floor(hours / 24), "day", locale);
}

/**
 * A duration in its two largest units, rounded down: "21 hr 43 min" / "21 h 43 min",
 * "2 days 5 hr" / "2 j 5 h", "12 min", "2 min 5 sec" / "2 min 5 s" (seconds only under an hour).
 */
export function formatSpan(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const pair = (big: number, bigUnit: DurationUnit, small: number, smallUnit: DurationUnit) =>
    small > 0
      ? `${unit(big, bigUnit, locale)} ${unit(small, smallUnit, locale)}`
      : unit(big, bigUnit, locale);
  if (days > 0) return pair(days, "day", hours % 24, "hour");
  if (hours > 0) return pair(hours, "hour", minutes % 60, "minute");
  if (minutes > 0) return pair(minutes, "minute", seconds % 60, "second");
  return unit(seconds, "second", locale);
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string, timeZone?: string | null): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone ?? undefined,
  }).format(new Date(iso));
}

/** "14:05" today, "hier 14:05"-like short stamps for the timeline. */
export function formatTimelineTime(iso: string, locale: string, now = Date.now()): string {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { day: "numeric", month: "short" }),
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** The time it is now in `timeZone`, e.g. "15:42 (UTC+1)"; null for an unknown zone. */
export function formatLocalTime(timeZone: string, locale: string, now = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(locale, {
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      timeZone,
      timeZoneName: "short",
    }).format(now);
  } catch {
    return null;
  }
}

/** The hour (0–23) in `timeZone`, to tell whether it is a decent time to call. */
export function hourIn(timeZone: string, now = new Date()): number | null {
  try {
    const hour = new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone })
      .formatToParts(now)
      .find((part) => part.type === "hour")?.value;
    return hour === undefined ? null : Number(hour);
  } catch {
    return null;
  }
}

export function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return code;
  }
}

/**
 * "136 bytes" / "136 octets" (bytes spelt out, so with their plural), then "1.2 kB" / "1,2 ko".
 */
export function formatBytes(size: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}
