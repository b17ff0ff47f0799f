import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TActionEntryMeta, TShopPushMeta } from "../../../../shared/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { formatDay, formatMoney, MONEY_ACTIONS } from "./display.ts";

/**
 * An agent action's system entry, worded in the reader's language from the data it carries
 * (type, lines or amount, status, why it was refused), not from the server's English text.
 */
export function ActionEntry({ entry }: { entry: TActionEntryMeta }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const what = MONEY_ACTIONS.includes(entry.type)
    ? formatMoney(entry.amount, entry.currency, locale)
    : entry.lines.map((line) => `${line.sku} × ${line.quantity}`).join(", ");
  const refusal = entry.refusal;
  return (
    <div data-testid="action-entry" data-status={entry.status}>
      <Text size="sm" fw={600} className="rl-wrap">
        {t("backoffice.entry.action", {
          type: t(`backoffice.actionTypes.${entry.type}`),
          what,
          status: t(`backoffice.actionStatus.${entry.status}`),
        })}
      </Text>
      {refusal?.kind === "exceeds_left" && (
        <Text size="sm" className="rl-wrap">
          {refusal.left === null
            ? t("backoffice.entry.exceedsLeftUnknown")
            : t("backoffice.entry.exceedsLeft", {
                left: formatMoney(refusal.left, refusal.currency, locale),
              })}
        </Text>
      )}
      {refusal?.kind === "out_of_stock" && (
        <Text size="sm" className="rl-wrap">
          {t("backoffice.entry.outOfStock", { sku: refusal.sku, count: refusal.available })}
          {refusal.restockDate &&
            ` ${t("backoffice.entry.restock", { date: formatDay(refusal.restockDate, locale) })}`}
        </Text>
      )}
      {entry.reason && (
        <Text size="sm" c="dimmed" className="rl-wrap">
          {t("backoffice.entry.reason", { reason: entry.reason })}
        </Text>
      )}
      {entry.decisionReason && (
        <Text size="sm" c="dimmed" className="rl-wrap">
          {t("backoffice.entry.decisionReason", { reason: entry.decisionReason })}
        </Text>
      )}
    </div>
  );
}

/** What the shop did with an action, in the reader's language. */
export function ShopPushEntry({ entry }: { entry: TShopPushMeta }) {
  const { t } = useTranslation();
  const amount = formatMoney(entry.amount, entry.currency, currentLocale());
  const key = `backoffice.entry.${entry.what}${entry.result === "created" ? "Created" : "Failed"}`;
  return (
    <Text size="sm" className="rl-wrap" data-testid="shop-push-entry">
      {t(key, { amount, id: entry.externalId ?? "", error: entry.error ?? "" })}
    </Text>
  );
}
