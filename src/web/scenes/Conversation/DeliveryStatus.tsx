import { Alert, Button, Group, Text, Tooltip } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCheck,
  IconChecks,
  IconClock,
  IconRefresh,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { DeliveryStatus as Status } from "../../../shared/enums.ts";
import type { TMessage } from "../../../shared/schemas.ts";
import { useRetryMessage } from "../../hooks/api/conversations.ts";
import { formatDateTime, formatRelative } from "../../lib/format.ts";
import { notifyError } from "../../lib/notify.ts";
import { useNow } from "../../lib/useNow.ts";

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
type Retry = NonNullable<Delivery["retry"]>;

function when(delivery: Delivery): string | null {
  if (delivery.status === "read") return delivery.readAt;
  if (delivery.status === "delivered") return delivery.deliveredAt;
  if (delivery.status === "sent") return delivery.sentAt;
  return null;
}

/** "next try in 2 min", or "now" once that time has passed (the job is about to run). */
function nextTry(t: TFunction, at: string | null, locale: string, now: number): string {
  if (!at || new Date(at).getTime() <= now) return t("retrying.nextNow");
  return t("retrying.next", { when: formatRelative(at, locale, now) });
}

/** A reply whose attempt failed and waits for the next: "Retrying (3 of 8), next try in 2 min". */
function RetryingStatus({ retry, locale }: { retry: Retry; locale: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const label = t("retrying.label", { attempt: retry.attempt, max: retry.maxAttempts });
  const next = nextTry(t, retry.nextAttemptAt, locale, now);
  return (
    <Group
      gap={3}
      wrap="nowrap"
      component="span"
      data-delivery-status="retrying"
      data-testid="delivery-retrying"
    >
      <IconRefresh size={13} />
      <Text span size="xs" c="#9a3412">
        {label}, {next}
      </Text>
    </Group>
  );
}

/** The provider's last answer under a reply being retried. */
export function DeliveryRetrying({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  const retry = message.delivery?.status === "queued" ? message.delivery.retry : null;
  if (!retry?.lastError) return null;
  return (
    <Text size="xs" c="#9a3412" mt={4} className="rl-wrap" data-testid="delivery-retry-error">
      {t("retrying.lastError", { error: retry.lastError })}
    </Text>
  );
}

/** Queued → sent → delivered → read, or failed; "retrying" while a failed attempt waits. */
export function DeliveryStatus({ message, locale }: { message: TMessage; locale: string }) {
  const { t } = useTranslation();
  const delivery = message.delivery;
  if (!delivery) return null;
  if (delivery.status === "queued" && delivery.retry) {
    return <RetryingStatus retry={delivery.retry} locale={locale} />;
  }
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
