import { Alert, Button, Group, Text, Tooltip } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCheck,
  IconChecks,
  IconClock,
  IconRefresh,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { DeliveryStatus as Status } from "../../../shared/enums.ts";
import type { TMessage } from "../../../shared/schemas.ts";
import { useRetryMessage } from "../../hooks/api/conversations.ts";
import { formatDateTime } from "../../lib/format.ts";
import { notifyError } from "../../lib/notify.ts";

const ICONS = {
  queued: IconClock,
  sent: IconCheck,
  delivered: IconChecks,
  read: IconChecks,
  failed: IconAlertTriangle,
} as const;

const COLORS: Record<Status, string> = {
  queued: "dimmed",
  sent: "dimmed",
  delivered: "teal.7",
  read: "brand.6",
  failed: "red.7",
};

type Delivery = NonNullable<TMessage["delivery"]>;

function when(delivery: Delivery): string | null {
  if (delivery.status === "read") return delivery.readAt;
  if (delivery.status === "delivered") return delivery.deliveredAt;
  if (delivery.status === "sent") return delivery.sentAt;
  return null;
}

/** Queued → sent → delivered → read, or failed. */
export function DeliveryStatus({ message, locale }: { message: TMessage; locale: string }) {
  const { t } = useTranslation();
  const delivery = message.delivery;
  if (!delivery) return null;
  const Icon = ICONS[delivery.status];
  const at = when(delivery);
  const label = (
    <Group gap={3} wrap="nowrap" component="span" data-delivery-status={delivery.status}>
      <Icon size={13} />
      <Text span size="xs" c={COLORS[delivery.status]}>
        {t(`delivery.${delivery.status}`)}
      </Text>
    </Group>
  );

  return at ? <Tooltip label={formatDateTime(at, locale)}>{label}</Tooltip> : label;
}

/** Why a message could not be sent, and a way to send it again. */
export function DeliveryFailure({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  const retry = useRetryMessage(message.conversationId);
  const delivery = message.delivery;
  if (delivery?.status !== "failed") return null;
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      mt={6}
      icon={<IconAlertTriangle size={16} />}
      title={t("delivery.failedTitle")}
      data-testid="delivery-failed"
    >
      <Text size="xs" className="rl-wrap">
        {delivery.error ?? t("delivery.noReason")}
      </Text>
      <Group gap="xs" mt={6}>
        <Button
          size="compact-xs"
          variant="white"
          color="red"
          leftSection={<IconRefresh size={12} />}
          loading={retry.isPending}
          onClick={() => retry.mutate(message.id, { onError: notifyError })}
          data-testid="retry"
        >
          {t("delivery.retry")}
        </Button>
        {delivery.attempts > 0 && (
          <Text size="xs" c="dimmed">
            {t("delivery.attempts", { count: delivery.attempts })}
          </Text>
        )}
      </Group>
    </Alert>
  );
}
