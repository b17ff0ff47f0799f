import { z } from "zod";

/** The earliest and latest instants Relais accepts: outside them a date is a mistake or a probe. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

/** True for a Date (or epoch milliseconds) within the years 1900–9999. */
export function isPlausibleInstant(value: Date | number): boolean {
  const time = typeof value === "number" ? value : value.getTime();
  return Number.isFinite(time) && time >= EARLIEST && time <= LATEST;
}

/**
 * An ISO 8601 date-time with an offset, between the years 1900 and 9999. PostgreSQL has no year
 * 0, so `0000-01-01…` used to reach the database and answer 500.
 */
export const ZInstant = z.iso
  .datetime({ offset: true })
  .refine((value) => isPlausibleInstant(Date.parse(value)), {
    message: "must be a date between the years 1900 and 9999",
  });
