import {
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { IconCalendarCheck, IconCheck, IconClockEdit } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TPromise } from "../../../shared/sla.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useMe } from "../../hooks/api/session.ts";
import { type PromiseFilters, useKeepPromise, usePromises } from "../../hooks/api/sla.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime, formatRelative } from "../../lib/format.ts";
import { notifyError } from "../../lib/notify.ts";
import { useNow } from "../../lib/useNow.ts";
import { ReschedulePromiseModal } from "./ReschedulePromiseModal.tsx";

type Status = NonNullable<PromiseFilters["status"]>;
const STATUS_COLORS: Record<Status, string> = { open: "indigo", kept: "teal", broken: "red" };
const EVERYONE = "__everyone__";

/**
 * What each agent promised customers and for when: the agent's own by default, or anyone's.
 * Each open promise is kept (done) here, or rescheduled with the customer told.
 */
export function PromisesScene() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const { user: me } = useMe();
  const users = useUsers();
  const [status, setStatus] = useState<Status>("open");
  const [madeBy, setMadeBy] = useState<string>("me");
  const promises = usePromises({ status, madeBy: madeBy === EVERYONE ? undefined : madeBy });
  const keep = useKeepPromise();
  const [rescheduling, setRescheduling] = useState<TPromise | null>(null);
  const list = promises.data ?? [];

  const agents = [
    { value: "me", label: t("sla.promises.mine") },
    { value: EVERYONE, label: t("sla.promises.everyone") },
    ...(users.data ?? [])
      .filter((user) => user.id !== me.id && !user.disabled)
      .map((user) => ({ value: user.id, label: user.name })),
  ];

  return (
    <div className="rl-page" data-testid="promises-scene">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">
            {t("sla.promises.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("sla.promises.help")}
          </Text>
        </div>
        <Group gap="md" align="flex-end">
          <Select
            size="xs"
            label={t("sla.promises.madeBy")}
            data={agents}
            value={madeBy}
            onChange={(value) => setMadeBy(value ?? "me")}
            allowDeselect={false}
            searchable={agents.length > 8}
            data-testid="promises-made-by"
          />
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(value) => setStatus(value as Status)}
            aria-label={t("sla.promises.status")}
            data={(["open", "broken", "kept"] as const).map((value) => ({
              value,
              label: t(`sla.promises.statuses.${value}`),
            }))}
            data-testid="promises-status"
          />
        </Group>
      </Group>
      {promises.isPending ? (
        <Loader size="sm" />
      ) : promises.isError ? (
        <ErrorState error={promises.error} onRetry={() => promises.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<IconCalendarCheck size={28} />}
          title={t(`sla.promises.empty.${status}`)}
          data-testid="promises-empty"
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="promises-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("sla.promises.due")}</Table.Th>
                <Table.Th>{t("sla.promises.what")}</Table.Th>
                <Table.Th>{t("sla.promises.customer")}</Table.Th>
                <Table.Th>{t("sla.promises.madeByColumn")}</Table.Th>
                <Table.Th>{t("sla.promises.statusColumn")}</Table.Th>
                {status === "open" && (
                  <Table.Th>
                    <VisuallyHidden>{t("sla.promises.actions")}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((promise) => {
                const late = promise.status === "open" && Date.parse(promise.dueAt) <= now;
                return (
                  <Table.Tr
                    key={promise.id}
                    data-promise-id={promise.id}
                    data-late={late || undefined}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600} c={late ? "red.9" : undefined}>
                        {formatDateTime(promise.dueAt, locale)}
                      </Text>
                      <Text size="xs" c={late ? "red.9" : "gray.7"}>
                        {formatRelative(promise.dueAt, locale, now)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" className="rl-wrap" data-testid="promise-text">
                        {promise.text}
                      </Text>
                      {promise.reschedules > 0 && (
                        <Text size="xs" c="gray.7">
                          {t("sla.promises.rescheduled", { count: promise.reschedules })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/inbox/all/${promise.conversationId}`}
                        size="sm"
                        c="brand.8"
                      >
                        {promise.conversation?.contactName ?? t("contact.unknown")} · #
                        {promise.conversation?.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{promise.madeBy?.name ?? t("sla.promises.system")}</Text>
                      <Text size="xs" c="gray.7">
                        {formatDateTime(promise.createdAt, locale)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PromiseStatus promise={promise} late={late} />
                    </Table.Td>
                    {status === "open" && (
                      <Table.Td>
                        <Group gap={6} wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-xs"
                            color="teal.9"
                            leftSection={<IconCheck size={12} />}
                            loading={keep.isPending && keep.variables === promise.id}
                            onClick={() => keep.mutate(promise.id, { onError: notifyError })}
                            data-testid="promise-keep"
                          >
                            {t("sla.promises.keep")}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            leftSection={<IconClockEdit size={12} />}
                            onClick={() => setRescheduling(promise)}
                            data-testid="promise-reschedule"
                          >
                            {t("sla.promises.reschedule")}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rescheduling && (
        <ReschedulePromiseModal promise={rescheduling} onClose={() => setRescheduling(null)} />
      )}
    </div>
  );
}

function PromiseStatus({ promise, late }: { promise: TPromise; late: boolean }) {
  const { t } = useTranslation();
  const label =
    promise.status === "kept"
      ? t(promise.keptOnTime ? "sla.promises.keptOnTime" : "sla.promises.keptLate")
      : late
        ? t("sla.promises.overdue")
        : t(`sla.promises.statuses.${promise.status}`);
  return (
    <Badge
      size="sm"
      variant="outline"
      color={`${late ? "red" : STATUS_COLORS[promise.status]}.9`}
      data-testid="promise-status"
    >
      {label}
    </Badge>
  );
}
