import {
  Divider,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { IconPhoneCall } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import { type CallbackScope, type TCallback, useCallbacks } from "../../hooks/api/callbacks.ts";
import { currentLocale } from "../../i18n/index.ts";
import { localDate } from "../../lib/zones.ts";
import { CallbackCard } from "./CallbackCard.tsx";
import { RescheduleModal } from "./RescheduleModal.tsx";

/**
 * Callbacks to make, by day on the agent's clock; each reads on the customer's clock too, so
 * "18:00 in Paris" and "09:00 in Los Angeles" are never confused.
 */
export function CallbacksScene() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [scope, setScope] = useState<CallbackScope>("upcoming");
  const [mine, setMine] = useState(false);
  const callbacks = useCallbacks({ scope, mine });
  const [rescheduling, setRescheduling] = useState<TCallback | null>(null);
  const list = callbacks.data ?? [];
  const ordered = scope === "done" ? [...list].reverse() : list;

  let lastDay = "";
  return (
    <div className="rl-page" data-testid="callbacks-scene">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">
            {t("callbacks.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("callbacks.help")}
          </Text>
        </div>
        <Group gap="md">
          <Switch
            size="xs"
            label={t("callbacks.onlyMine")}
            checked={mine}
            onChange={(event) => setMine(event.currentTarget.checked)}
            data-testid="callbacks-mine"
          />
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(value) => setScope(value as CallbackScope)}
            data={[
              { value: "upcoming", label: t("callbacks.upcoming") },
              { value: "done", label: t("callbacks.done") },
            ]}
            data-testid="callbacks-scope"
          />
        </Group>
      </Group>
      {callbacks.isError && (
        <ErrorState error={callbacks.error} onRetry={() => callbacks.refetch()} />
      )}
      {callbacks.isPending && <Loader size="sm" />}
      {callbacks.isSuccess && list.length === 0 && (
        <EmptyState
          icon={<IconPhoneCall size={26} />}
          withIndicatorBackground
          title={scope === "upcoming" ? t("callbacks.emptyUpcoming") : t("callbacks.emptyDone")}
          description={t("callbacks.emptyHelp")}
          size="sm"
        />
      )}
      <Stack gap={8} data-testid="callbacks-list">
        {ordered.map((callback) => {
          const day = callback.agentTime.date;
          const separator = day !== lastDay;
          lastDay = day;
          return (
            <Fragment key={callback.id}>
              {separator && (
                <Divider
                  labelPosition="left"
                  label={
                    <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                      {localDate(callback.agentTime, locale)}
                    </Text>
                  }
                  mt="xs"
                />
              )}
              <CallbackCard callback={callback} onReschedule={() => setRescheduling(callback)} />
            </Fragment>
          );
        })}
      </Stack>
      {rescheduling && (
        <RescheduleModal callback={rescheduling} onClose={() => setRescheduling(null)} />
      )}
    </div>
  );
}
