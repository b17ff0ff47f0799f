import { Anchor, Badge, Button, Card, Group, Menu, Select, Stack, Text } from "@mantine/core";
import {
  IconCalendarTime,
  IconDots,
  IconPhoneCall,
  IconPlayerPlay,
  IconX,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LocalTimes } from "../../components/LocalTimes.tsx";
import { useConfirm } from "../../components/useConfirm.tsx";
import {
  type CallbackStatus,
  type TCallback,
  useStartCall,
  useUpdateCallback,
} from "../../hooks/api/callbacks.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime, formatSpan } from "../../lib/format.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

export const CALLBACK_STATUS_COLORS: Record<CallbackStatus, string> = {
  scheduled: "blue",
  calling: "grape",
  completed: "teal",
  to_reschedule: "orange",
  cancelled: "gray",
};

const NOBODY = "__nobody__";

/** "2 min 5 sec" / "2 min 5 s": a call's duration in the agent's language. */
export function formatCallDuration(seconds: number, locale: string): string {
  return formatSpan(seconds * 1000, locale);
}

interface CallbackCardProps {
  callback: TCallback;
  onReschedule: () => void;
}

/** One callback: both clocks, who is called and by whom, its last call, and what to do next. */
export function CallbackCard({ callback, onReschedule }: CallbackCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const users = useUsers();
  const call = useStartCall();
  const update = useUpdateCallback();
  const [confirm, confirmDialog] = useConfirm();
  const active = callback.status !== "completed" && callback.status !== "cancelled";
  const last = callback.lastCall;
  const name = callback.contact.name ?? callback.phone;

  return (
    <Card
      withBorder
      padding="sm"
      className="rl-callback"
      data-callback-id={callback.id}
      data-status={callback.status}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <LocalTimes
          customer={callback.customerTime}
          agent={callback.agentTime}
          team={callback.teamTime}
          teamName={callback.team?.name}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="wrap">
            <Anchor
              component={Link}
              to={`/inbox/all/${callback.conversationId}`}
              fw={600}
              size="sm"
              className="rl-wrap"
            >
              {name}
            </Anchor>
            <Text size="sm" c="dimmed" ff="monospace">
              {callback.phone}
            </Text>
            <Badge
              size="sm"
              variant="light"
              color={CALLBACK_STATUS_COLORS[callback.status]}
              data-testid="callback-status"
            >
              {t(`callbacks.statuses.${callback.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {callback.team ? `${callback.team.name} · ` : ""}
            {t("callbacks.attempts", { count: callback.attempts })}
            {" · "}
            {t(`callbacks.sources.${callback.source}`)}
          </Text>
          {callback.note && (
            <Text size="xs" className="rl-wrap" lineClamp={2}>
              {callback.note}
            </Text>
          )}
          {last && (
            <Group gap={6} wrap="wrap" data-testid="last-call">
              <Text size="xs" c="dimmed">
                {t("callbacks.lastCall", { date: formatDateTime(last.at, locale) })}
              </Text>
              <Badge size="xs" variant="outline" color="gray">
                {t(`calls.statuses.${last.status}`, { defaultValue: last.status })}
              </Badge>
              {last.durationSeconds !== null && (
                <Text size="xs" c="dimmed">
                  {formatCallDuration(last.durationSeconds, locale)}
                </Text>
              )}
              {last.recordingUrl && (
                <Anchor
                  size="xs"
                  href={last.recordingUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  <IconPlayerPlay size={11} /> {t("calls.recording")}
                </Anchor>
              )}
            </Group>
          )}
        </Stack>
        <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }} w={200}>
          {active && (
            <Group gap={6} wrap="nowrap">
              <Button
                size="xs"
                leftSection={<IconPhoneCall size={14} />}
                loading={call.isPending}
                disabled={callback.status === "calling"}
                onClick={() =>
                  call.mutate(callback.id, {
                    onSuccess: () => notifySuccess(t("callbacks.calling", { name })),
                    onError: notifyError,
                  })
                }
                data-testid="callback-call"
              >
                {t("callbacks.call")}
              </Button>
              <Menu position="bottom-end" shadow="md" withinPortal>
                <Menu.Target>
                  <Button
                    size="xs"
                    variant="default"
                    px={6}
                    aria-label={t("callbacks.more", { name })}
                    data-testid="callback-more"
                  >
                    <IconDots size={14} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconCalendarTime size={14} />}
                    onClick={onReschedule}
                    data-testid="callback-reschedule"
                  >
                    {t("callbacks.reschedule")}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconX size={14} />}
                    onClick={async () => {
                      const sure = await confirm({
                        title: t("callbacks.cancel"),
                        message: t("callbacks.confirmCancel", { name }),
                        confirmLabel: t("callbacks.cancel"),
                        danger: true,
                      });
                      if (!sure) return;
                      update.mutate(
                        { id: callback.id, changes: { status: "cancelled" } },
                        {
                          onSuccess: () => notifySuccess(t("callbacks.cancelled")),
                          onError: notifyError,
                        },
                      );
                    }}
                    data-testid="callback-cancel"
                  >
                    {t("callbacks.cancel")}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
          <Select
            size="xs"
            w={200}
            aria-label={t("callbacks.assignee")}
            data={[
              { value: NOBODY, label: t("assign.nobody") },
              ...(users.data ?? [])
                .filter((user) => !user.disabled || user.id === callback.assignee?.id)
                .map((user) => ({ value: user.id, label: user.name })),
            ]}
            value={callback.assignee?.id ?? NOBODY}
            onChange={(value) =>
              update.mutate(
                {
                  id: callback.id,
                  changes: { assigneeId: !value || value === NOBODY ? null : value },
                },
                { onError: notifyError },
              )
            }
            disabled={!active}
            allowDeselect={false}
            leftSection={
              <Text size="xs" c="dimmed" pl={4}>
                {t("callbacks.by")}
              </Text>
            }
            leftSectionWidth={48}
            data-testid="callback-assignee"
          />
        </Stack>
      </Group>
      {confirmDialog}
    </Card>
  );
}
