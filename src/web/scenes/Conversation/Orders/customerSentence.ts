import type { TFunction } from "i18next";
import {
  DEFAULT_ARRIVAL_ESTIMATES,
  type TAgentAction,
  type TArrivalEstimates,
  type TConversationOrder,
} from "../../../../shared/backoffice.ts";
import type { ComposerOffer } from "../../../lib/composerOffer.ts";
import { addWorkingDays, formatDay, formatMoney } from "./display.ts";

/** End of today, as an instant: a pending action is confirmed within the day. */
function endOfToday(now: Date): string {
  const end = new Date(now);
  end.setHours(18, 0, 0, 0);
  if (end <= now) end.setHours(23, 0, 0, 0);
  return end.toISOString();
}

/**
 * What the agent may tell the customer after an action, in the customer's language: what was
 * done and when it arrives (or when it is confirmed), with the next step it promises. A refusal
 * of money has nothing to tell; an out-of-stock replacement tells when the goods are back.
 */
export function customerSentence(props: {
  t: TFunction;
  language: "fr" | "en";
  action: TAgentAction;
  order: TConversationOrder;
  /** The account's settings: working days for a refund and a replacement to arrive. */
  estimates?: TArrivalEstimates;
  now?: Date;
}): ComposerOffer | null {
  const { t, language, action, order } = props;
  const estimates = props.estimates ?? DEFAULT_ARRIVAL_ESTIMATES;
  const now = props.now ?? new Date();
  const items = action.lines
    .map((line) => {
      const name = order.lines.find((row) => row.sku === line.sku)?.name ?? line.sku;
      return `${line.quantity} × ${name}`;
    })
    .join(", ");
  const values = {
    lng: language,
    order: order.number,
    items,
    amount: formatMoney(action.amount, action.currency, language),
  };
  const key = `backoffice.sentence.${action.type}`;
  if (action.status === "pending_approval") {
    return {
      text: t(`${key}.pending`, values),
      nextStep: { text: t("backoffice.sentence.pendingStep", values), dueAt: endOfToday(now) },
    };
  }
  if (action.status === "refused" || action.status === "rejected") {
    if (action.type !== "replacement") return null;
    const restock = action.lines
      .map((line) => order.lines.find((row) => row.sku === line.sku)?.stock?.restockDate)
      .find((date): date is string => Boolean(date));
    if (!restock) return { text: t(`${key}.refusedNoDate`, values) };
    return {
      text: t(`${key}.refused`, { ...values, date: formatDay(restock, language) }),
      nextStep: {
        text: t("backoffice.sentence.restockStep", values),
        dueAt: `${restock}T12:00:00.000Z`,
      },
    };
  }
  const days = action.type === "refund" ? estimates.refund.maxDays : estimates.replacement.days;
  const due = addWorkingDays(now, days);
  const text = t(`${key}.done`, {
    ...values,
    min: estimates.refund.minDays,
    max: estimates.refund.maxDays,
    date: formatDay(due, language),
  });
  if (action.type === "credit" || action.type === "return") return { text };
  return {
    text,
    nextStep: { text: t(`${key}.step`, values), dueAt: `${due}T17:00:00.000Z` },
  };
}
