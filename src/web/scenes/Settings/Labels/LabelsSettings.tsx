import {
  ActionIcon,
  Button,
  EmptyState,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTags, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TLabel } from "../../../../shared/labels.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { LabelBadges } from "../../../components/LabelBadges.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import { useDeleteLabel, useLabels } from "../../../hooks/api/labels.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";
import { LabelForm } from "./LabelForm.tsx";

function LabelRow({
  label,
  canEdit,
  onEdit,
}: {
  label: TLabel;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteLabel();
  const [confirm, dialog] = useConfirm();
  return (
    <Table.Tr data-label-row={label.name}>
      <Table.Td>
        <LabelBadges labels={[label.name]} size="sm" colours={{ [label.name]: label.colour }} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" className="rl-wrap">
          {label.description ?? ""}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{label.conversationCount}</Text>
      </Table.Td>
      {canEdit && (
        <Table.Td ta="right" w={90}>
          <Group gap={2} justify="flex-end" wrap="nowrap">
            <Tooltip label={t("labels.edit", { name: label.name })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={onEdit}
                aria-label={t("labels.edit", { name: label.name })}
                data-testid="label-edit"
              >
                <IconPencil size={15} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("labels.delete", { name: label.name })}>
              <ActionIcon
                variant="subtle"
                color="red"
                loading={remove.isPending}
                aria-label={t("labels.delete", { name: label.name })}
                data-testid="label-delete"
                onClick={async () => {
                  const sure = await confirm({
                    title: t("labels.delete", { name: label.name }),
                    message: t("labels.deleteConfirm", {
                      name: label.name,
                      count: label.conversationCount,
                    }),
                    confirmLabel: t("labels.delete", { name: label.name }),
                    danger: true,
                  });
                  if (!sure) return;
                  remove.mutate(label.id, {
                    onSuccess: () => notifySuccess(t("labels.deleted")),
                    onError: notifyError,
                  });
                }}
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          </Group>
          {dialog}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Settings → Labels: admins name and colour them; everyone sees the list and its use. */
export function LabelsSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canEdit = user.role === "admin";
  const labels = useLabels();
  const [editing, setEditing] = useState<{ label: TLabel | null; key: number } | null>(null);

  if (labels.isError) return <ErrorState error={labels.error} onRetry={() => labels.refetch()} />;
  const list = labels.data ?? [];

  return (
    <Stack gap="md" maw={860} data-testid="labels-settings">
      <Text size="sm" c="dimmed">
        {t("labels.intro")}
      </Text>
      {canEdit ? (
        <Group justify="flex-end">
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing({ label: null, key: Date.now() })}
            data-testid="label-new"
          >
            {t("labels.new")}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t("labels.manageHint")}
        </Text>
      )}
      {labels.isPending && <Loader size="sm" />}
      {labels.isSuccess && list.length === 0 && (
        <EmptyState
          icon={<IconTags size={28} />}
          withIndicatorBackground
          title={t("labels.empty")}
          description={t("labels.emptyHelp")}
        />
      )}
      {list.length > 0 && (
        <Table verticalSpacing={6} striped={false} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("labels.name")}</Table.Th>
              <Table.Th>{t("labels.description")}</Table.Th>
              <Table.Th ta="right">{t("labels.conversations")}</Table.Th>
              {canEdit && (
                <Table.Th ta="right">
                  <VisuallyHidden>{t("labels.actions")}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((label) => (
              <LabelRow
                key={label.id}
                label={label}
                canEdit={canEdit}
                onEdit={() => setEditing({ label, key: Date.now() })}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <LabelForm key={editing.key} label={editing.label} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
