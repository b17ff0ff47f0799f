import { z } from "zod";
import { SHIPMENT_STATUSES } from "../db/schema/backoffice.ts";

/** "12.5" or "12.50" (a decimal point, at most two decimals) as integer cents. */
export function toCents(raw: string | number): number | null {
  const text = typeof raw === "number" ? raw.toFixed(2) : raw.trim();
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export const fromCents = (cents: number) => Math.round(cents) / 100;

const blankToUndefined = (value: unknown) =>
  value === "" || value === null || value === undefined ? undefined : value;

/** An optional cell: empty, null and absent all mean "not given". */
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

export const ZIsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date (YYYY-MM-DD)")
  .refine((value) => !Number.isNaN(Date.parse(value)), "a real date");

export const ZMoney = z.union([z.string(), z.number()]).transform((value, context) => {
  const cents = toCents(value);
  if (cents === null) {
    context.addIssue({ code: "custom", message: "an amount with a decimal point (12.50)" });
    return z.NEVER;
  }
  return cents;
});

export const ZCurrency = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, "a 3-letter ISO currency code"));

export const ZShipmentStatus = z.enum(SHIPMENT_STATUSES);

export const ZCount = z.coerce.number().int().min(0);
