import type { TActionType, TAgentAction, TShipment } from "../../../../shared/backoffice.ts";

export const SHIPMENT_COLORS: Record<TShipment["status"], string> = {
  pending: "gray",
  in_transit: "blue",
  delayed: "orange",
  delivered: "teal",
  lost: "red",
  returned: "grape",
};

export const ACTION_STATUS_COLORS: Record<TAgentAction["status"], string> = {
  done: "teal",
  pending_approval: "yellow",
  refused: "red",
  rejected: "red",
};

/** Actions on goods name lines; actions on money name an amount. */
export const MONEY_ACTIONS: readonly TActionType[] = ["refund", "credit"];

/** A calendar date (YYYY-MM-DD) in the reader's words, without shifting it through a time zone. */
export function formatDay(day: string, locale: string): string {
  const [year, month, date] = day.split("-").map(Number);
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** The date `days` working days (Monday to Friday) after `from`, as YYYY-MM-DD. */
export function addWorkingDays(from: Date, days: number): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}
