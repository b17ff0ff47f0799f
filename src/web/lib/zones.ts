import type { LocalTime } from "../hooks/api/callbacks.ts";

/** "America/Los_Angeles" → "Los Angeles". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

/** "+01:00" → "UTC+1", "-08:00" → "UTC−8", "+05:30" → "UTC+5:30". */
export function offsetLabel(offset: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return `UTC${offset}`;
  const [, sign, hours, minutes] = match;
  const h = String(Number(hours));
  if (h === "0" && minutes === "00") return "UTC";
  return `UTC${sign === "-" ? "−" : "+"}${h}${minutes === "00" ? "" : `:${minutes}`}`;
}

/** "mar. 24 nov." / "Tue 24 Nov": the local date of a LocalTime, in the agent's language. */
export function localDate(time: LocalTime, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: time.timeZone,
  }).format(new Date(time.local));
}

/** The local hour, in the agent's language's style ("18:00", "6:00 PM"). */
export function localClock(time: LocalTime, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "numeric",
    minute: "2-digit",
    timeZone: time.timeZone,
  }).format(new Date(time.local));
}

/** Whether two local times fall on different calendar days (the team's evening is the customer's morning). */
export function otherDay(a: LocalTime, b: LocalTime): boolean {
  return a.date !== b.date;
}

/** An instant on `timeZone`'s clock, as the server's LocalTime (computed in the browser). */
export function toLocalTime(iso: string, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((item) => item.type === type)?.value ?? "";
  const zoneName = part("timeZoneName").replace("GMT", "");
  const offset = zoneName === "" ? "+00:00" : zoneName;
  const date = `${part("year")}-${part("month")}-${part("day")}`;
  const time = `${part("hour")}:${part("minute")}`;
  return { timeZone, local: `${date}T${time}:00${offset}`, date, time, offset };
}
