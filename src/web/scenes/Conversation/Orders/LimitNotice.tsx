import { Alert, Group, Skeleton, Text } from "@mantine/core";
import { IconShieldCheck, IconShieldHalf } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TActionType } from "../../../../shared/backoffice.ts";
import { useMyLimits } from "../../../hooks/api/backoffice.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { formatMoney } from "./display.ts";

interface LimitNoticeProps {
  type: TActionType;
  /** What this action is worth, in the order's currency (goods at their price for a replacement). */
  value: number;
  currency: string;
}

/** What the agent may still do alone today, and whether this action goes above it. */
export function LimitNotice({ type, value, currency }: LimitNoticeProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const limits = useMyLimits();
  if (limits.isPending) return <Skeleton height={44} />;
  const mine = limits.data?.[type];
  if (!mine) return null;
  const money = (amount: number) => formatMoney(amount, currency, locale);
  if (mine.perAction === null && mine.perDay === null) {
    return (
      <Group gap={6} wrap="nowrap" data-testid="limit-notice" data-unlimited>
        <IconShieldCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
        <Text size="sm">{t("backoffice.limits.unlimited")}</Text>
      </Group>
    );
  }
  const overAction = mine.perAction !== null && value > mine.perAction;
  const overDay = mine.leftToday !== null && value > mine.leftToday;
  return (
    <Alert
      variant="light"
      color={overAction || overDay ? "yellow" : "blue"}
      icon={<IconShieldHalf size={18} aria-hidden />}
      title={t("backoffice.limits.title")}
      data-testid="limit-notice"
      data-over={overAction || overDay}
    >
      <Text size="sm" data-testid="limit-left">
        {mine.leftToday === null
          ? t("backoffice.limits.noDayLimit")
          : t("backoffice.limits.leftToday", {
              left: money(mine.leftToday),
              perDay: money(mine.perDay ?? 0),
            })}
      </Text>
      {mine.perAction !== null && (
        <Text size="sm">{t("backoffice.limits.perAction", { amount: money(mine.perAction) })}</Text>
      )}
      {(overAction || overDay) && (
        <Text size="sm" fw={600} mt={4} data-testid="limit-over">
          {t("backoffice.limits.over")}
        </Text>
      )}
    </Alert>
  );
}
