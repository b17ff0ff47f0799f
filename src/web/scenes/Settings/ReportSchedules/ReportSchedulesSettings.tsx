import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TReportSchedule } from "../../../../shared/reportSchedules.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import { useDeleteReportSchedule, useReportSchedules } from "../../../hooks/api/reportSchedules.ts";
import { notifyError } from "../../../lib/notify.ts";
import { ScheduleDrawer } from "./ScheduleDrawer.tsx";

function ScheduleRow(props: { schedule: TReportSchedule; onOpen: () => void }) {
  const { schedule } = props;
  const { t, i18n } = useTranslation();
  const remove = useDeleteReportSchedule();
  const [confirm, confirmDialog] = useConfirm();
  const s = (key: string, values?: Record<string, string>) => t(`reports.schedules.${key}`, values);
  const name = t(`reports.schedules.names.${schedule.report}`);
  const at = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: schedule.timeZone,
    }).format(new Date(iso));
  const when = s(`when_${schedule.cadence}`, {
    day: t(`reports.schedules.days.${schedule.weekday}`),
    time: schedule.time,
    zone: schedule.timeZone,
  });
  return (
    <Table.Tr data-schedule-id={schedule.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="gray.7">
          {when}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="rl-wrap">
          {schedule.emails.join(", ")}
        </Text>
      </Table.Td>
      <Table.Td>
        {schedule.enabled ? (
          <Text size="sm">{at(schedule.nextRunAt)}</Text>
        ) : (
          <Badge color="gray" variant="light">
            {s("enabled")}: —
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{schedule.lastSentAt ? at(schedule.lastSentAt) : s("never")}</Text>
        {schedule.lastError && (
          <Text size="xs" c="red.8" role="status">
            {s("lastError", { error: schedule.lastError })}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <Tooltip label={s("edit")}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={props.onOpen}
              aria-label={`${s("edit")} — ${name}`}
            >
              <IconPencil size={15} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={s("delete")}>
            <ActionIcon
              variant="subtle"
              color="red"
              loading={remove.isPending}
              aria-label={`${s("delete")} — ${name}`}
              data-testid="schedule-delete"
              onClick={async () => {
                const sure = await confirm({
                  title: `${s("delete")} — ${name}`,
                  message: s("deleteConfirm"),
                  confirmLabel: s("delete"),
                  danger: true,
                });
                if (sure) remove.mutate(schedule.id, { onError: notifyError });
              }}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {confirmDialog}
      </Table.Td>
    </Table.Tr>
  );
}

/** Reports e-mailed daily or weekly (supervisors and admins). */
export function ReportSchedulesSettings() {
  const { t } = useTranslation();
  const schedules = useReportSchedules();
  const [open, setOpen] = useState<{ schedule: TReportSchedule | null; key: number } | null>(null);
  const s = (key: string) => t(`reports.schedules.${key}`);
  if (schedules.isError)
    return <ErrorState error={schedules.error} onRetry={() => schedules.refetch()} />;
  const list = schedules.data ?? [];
  return (
    <Stack gap="md" maw={1080} data-testid="report-schedules">
      <Text size="sm" c="gray.7" maw={720}>
        {s("intro")}
      </Text>
      <Group>
        <Button
          color="indigo.9"
          leftSection={<IconPlus size={15} />}
          onClick={() => setOpen({ schedule: null, key: Date.now() })}
          data-testid="schedule-add"
        >
          {s("add")}
        </Button>
      </Group>
      {schedules.isLoading && <Loader aria-label={s("title")} />}
      {!schedules.isLoading && list.length === 0 && (
        <Text c="gray.7" size="sm">
          {s("empty")}
        </Text>
      )}
      {list.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{s("report")}</Table.Th>
              <Table.Th>{s("emails")}</Table.Th>
              <Table.Th>{s("next")}</Table.Th>
              <Table.Th>{s("last")}</Table.Th>
              <Table.Th ta="right">{s("actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((schedule) => (
              <ScheduleRow
                key={schedule.id}
                schedule={schedule}
                onOpen={() => setOpen({ schedule, key: Date.now() })}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <ScheduleDrawer key={open.key} schedule={open.schedule} onClose={() => setOpen(null)} />
      )}
    </Stack>
  );
}
