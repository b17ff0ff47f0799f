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

/** "il y a 5 min", "5 min ago", "hier", "in 2 hr." */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const format = relativeFormat(locale);
  if (abs < 45_000) return format.format(0, "second");
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return format.format(Math.round(diff / HOUR), "hour");
  if (abs < 30 * DAY) return format.format(Math.round(diff / DAY), "day");
  return formatDate(iso, locale);
}

/** A compact duration for "waiting for": "4 min", "3 h", "2 j" / "2 d". */
export function formatDuration(ms: number, locale: string): string {
  const style = { style: "unit", unitDisplay: "narrow" } as const;
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60)
    return new Intl.NumberFormat(locale, { ...style, unit: "minute" }).format(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return new Intl.NumberFormat(locale, { ...style, unit: "hour" }).format(hours);
  return new Intl.NumberFormat(locale, { ...style, unit: "day" }).format(Math.floor(hours / 24));
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
    unitDisplay: "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}
