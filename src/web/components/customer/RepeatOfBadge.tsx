import { Button } from "@mantine/core";
import { IconRepeat } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface RepeatOf {
  id: string;
  number: number;
  channelKind: string;
  reason: "same_order" | "similar_text";
}

/**
 * The customer is back about the same problem: a link to the earlier conversation, with why
 * Relais thinks so (the same order number, or the same category and a similar text).
 */
export function RepeatOfBadge({ repeatOf }: { repeatOf: RepeatOf }) {
  const { t } = useTranslation();
  const reason = t(`oneCustomer.repeatReasons.${repeatOf.reason}`);
  return (
    <Button
      component={Link}
      to={`/inbox/all/${repeatOf.id}`}
      size="compact-xs"
      variant="default"
      fw={500}
      leftSection={<IconRepeat size={12} aria-hidden />}
      data-testid="repeat-of"
    >
      {t("oneCustomer.repeatOf", { number: repeatOf.number, reason })}
    </Button>
  );
}
