/**
 * Every IANA time zone the browser knows, UTC first: Chromium's `Intl.supportedValuesOf` leaves
 * UTC out, so a browser set to UTC found its own zone missing from the list.
 */
export function timeZoneList(): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC");
  return ["UTC", ...zones];
}

/** The browser's own zone, as a value of `timeZoneList` ("Etc/UTC" and the like are UTC). */
export function browserTimeZone(fallback = "Europe/Paris"): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return fallback;
    return /^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/.test(zone) ? "UTC" : zone;
  } catch {
    return fallback;
  }
}
