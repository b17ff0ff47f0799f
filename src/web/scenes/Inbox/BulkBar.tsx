import { Button, CloseButton, Group, Menu, Text } from "@mantine/core";
import { IconCircleCheck, IconClock, IconTag, IconUserPlus, IconZzz } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLabels } from "../../hooks/api/labels.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useUsers } from "../../hooks/api/users.ts";
import { apiData } from "../../lib/api.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";

export interface BulkChanges {
  status?: "open" | "pending" | "resolved";
  assigneeId?: string | null;
  snoozedUntil?: string;
  addLabels?: string[];
}

interface BulkOutcome {
  updated: string[];
  failed: Array<{ id: string; error: { id: string; message: string } }>;
}

function tomorrowAtNine(): Date {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date;
}

/** What to do with the selected rows: assign, label, change status, snooze — in one request. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { user: me } = useMe();
  const users = useUsers();
  const labels = useLabels();
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: (changes: BulkChanges) =>
      apiData<BulkOutcome>("POST", "/api/v1/conversations/bulk", { body: { ids, changes } }),
    onSuccess: (outcome) => {
      void client.invalidateQueries({ queryKey: ["conversations"] });
      void client.invalidateQueries({ queryKey: ["conversation"] });
      notifySuccess(t("bulk.done", { count: outcome.updated.length }));
      if (outcome.failed.length > 0)
        notifyError(new Error(t("bulk.failed", { count: outcome.failed.length })));
      onDone();
    },
    onError: notifyError,
  });
  const run = (changes: BulkChanges) => apply.mutate(changes);
  const agents = (users.data ?? []).filter((user) => !user.disabled && user.id !== me.id);

  return (
    <div className="rl-bulk" role="toolbar" aria-label={t("bulk.toolbar")} data-testid="bulk-bar">
      <Group gap={4} wrap="wrap" justify="space-between">
        <Text size="sm" fw={600} aria-live="polite" data-testid="bulk-count">
          {t("bulk.selected", { count: ids.length })}
        </Text>
        <CloseButton size="sm" aria-label={t("bulk.clear")} onClick={onDone} />
      </Group>
      <Group gap={4} wrap="wrap" mt={4}>
        <BulkMenu
          icon={<IconUserPlus size={13} />}
          label={t("bulk.assign")}
          testId="bulk-assign"
          loading={apply.isPending}
        >
          <Menu.Item onClick={() => run({ assigneeId: me.id })}>
            {t("assign.me", { name: me.name })}
          </Menu.Item>
          <Menu.Item onClick={() => run({ assigneeId: null })}>{t("assign.nobody")}</Menu.Item>
          {agents.map((user) => (
            <Menu.Item key={user.id} onClick={() => run({ assigneeId: user.id })}>
              {user.name}
            </Menu.Item>
          ))}
        </BulkMenu>
        <BulkMenu icon={<IconTag size={13} />} label={t("bulk.label")} testId="bulk-label">
          {(labels.data ?? []).length === 0 && <Menu.Label>{t("labels.empty")}</Menu.Label>}
          {(labels.data ?? []).map((label) => (
            <Menu.Item key={label.id} onClick={() => run({ addLabels: [label.name] })}>
              {label.name}
            </Menu.Item>
          ))}
        </BulkMenu>
        <BulkMenu
          icon={<IconCircleCheck size={13} />}
          label={t("bulk.status")}
          testId="bulk-status"
        >
          <Menu.Item
            leftSection={<IconCircleCheck size={13} />}
            onClick={() => run({ status: "resolved" })}
          >
            {t("status.resolve")}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconClock size={13} />}
            onClick={() => run({ status: "pending" })}
          >
            {t("status.markPending")}
          </Menu.Item>
          <Menu.Item onClick={() => run({ status: "open" })}>{t("status.markOpen")}</Menu.Item>
        </BulkMenu>
        <BulkMenu icon={<IconZzz size={13} />} label={t("snooze.action")} testId="bulk-snooze">
          <Menu.Item
            onClick={() => run({ snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() })}
          >
            {t("snooze.inOneHour")}
          </Menu.Item>
          <Menu.Item onClick={() => run({ snoozedUntil: tomorrowAtNine().toISOString() })}>
            {t("snooze.tomorrow")}
          </Menu.Item>
        </BulkMenu>
      </Group>
    </div>
  );
}

/** One of the bar's menus: a small button that opens its choices. */
function BulkMenu(props: {
  icon: ReactNode;
  label: string;
  testId: string;
  loading?: boolean;
  children: ReactNode;
}) {
  return (
    <Menu position="bottom-start" shadow="md">
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={props.icon}
          data-testid={props.testId}
          loading={props.loading}
        >
          {props.label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{props.children}</Menu.Dropdown>
    </Menu>
  );
}
