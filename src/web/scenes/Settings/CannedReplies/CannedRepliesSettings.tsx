import {
  ActionIcon,
  Badge,
  Button,
  Code,
  EmptyState,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconMessageBolt, IconPencil, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TCannedReply } from "../../../../shared/rules.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useConfirm } from "../../../components/useConfirm.tsx";
import { useCannedReplySearch, useDeleteCannedReply } from "../../../hooks/api/cannedReplies.ts";
import { useMe } from "../../../hooks/api/session.ts";
import { ApiError } from "../../../lib/api.ts";
import { notifyError } from "../../../lib/notify.ts";
import { CannedReplyDrawer } from "./CannedReplyDrawer.tsx";

function ReplyRow({
  reply,
  canEdit,
  onOpen,
  onInUse,
}: {
  reply: TCannedReply;
  canEdit: boolean;
  onOpen: () => void;
  onInUse: (message: string) => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteCannedReply();
  const [confirm, confirmDialog] = useConfirm();
  const body = reply.bodyFr ?? reply.bodyEn ?? "";
  return (
    <Table.Tr data-canned-id={reply.id}>
      <Table.Td w={170}>
        <Code>/{reply.shortcut}</Code>
      </Table.Td>
      <Table.Td>
        <UnstyledButton onClick={onOpen} className="rl-link-like" data-testid="canned-open">
          <Text size="sm" fw={500} className="rl-wrap">
            {reply.title}
          </Text>
        </UnstyledButton>
        <Text size="xs" c="dimmed" lineClamp={1} className="rl-wrap">
          {body}
        </Text>
      </Table.Td>
      <Table.Td w={110}>
        <Group gap={4}>
          <Badge
            size="xs"
            variant={reply.bodyFr ? "light" : "outline"}
            color={reply.bodyFr ? "brand" : "gray"}
          >
            FR
          </Badge>
          <Badge
            size="xs"
            variant={reply.bodyEn ? "light" : "outline"}
            color={reply.bodyEn ? "brand" : "gray"}
          >
            EN
          </Badge>
        </Group>
      </Table.Td>
      <Table.Td w={90} ta="right">
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <Tooltip label={canEdit ? t("cannedAdmin.edit") : t("cannedAdmin.view")}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onOpen}
              aria-label={t("cannedAdmin.editNamed", { name: reply.title })}
            >
              <IconPencil size={15} />
            </ActionIcon>
          </Tooltip>
          {canEdit && (
            <Tooltip label={t("cannedAdmin.delete")}>
              <ActionIcon
                variant="subtle"
                color="red"
                loading={remove.isPending}
                aria-label={t("cannedAdmin.deleteNamed", { name: reply.title })}
                onClick={async () => {
                  const sure = await confirm({
                    title: t("cannedAdmin.deleteNamed", { name: reply.title }),
                    message: t("cannedAdmin.confirmDelete", { name: reply.title }),
                    confirmLabel: t("cannedAdmin.delete"),
                    danger: true,
                  });
                  if (!sure) return;
                  remove.mutate(reply.id, {
                    onError: (error) => {
                      if (error instanceof ApiError && error.id === "canned_reply_in_use") {
                        const rule = /rule "([^"]+)"/.exec(error.message)?.[1] ?? "";
                        onInUse(t("cannedAdmin.inUse", { title: reply.title, rule }));
                      } else notifyError(error);
                    },
                  });
                }}
                data-testid="canned-delete"
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {confirmDialog}
      </Table.Td>
    </Table.Tr>
  );
}

/** Canned replies: searched by shortcut or title; supervisors and admins write them. */
export function CannedRepliesSettings() {
  const { t } = useTranslation();
  const { user } = useMe();
  const canEdit = user.role !== "agent";
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search, 250);
  const replies = useCannedReplySearch(query);
  const [open, setOpen] = useState<{ reply: TCannedReply | null; key: number } | null>(null);
  const [inUse, setInUse] = useState<string | null>(null);

  if (replies.isError)
    return <ErrorState error={replies.error} onRetry={() => replies.refetch()} />;
  const list = replies.data ?? [];

  return (
    <Stack gap="md" maw={980} data-testid="canned-settings">
      <Text size="sm" c="dimmed">
        {t("cannedAdmin.help")}
      </Text>
      <Group justify="space-between" wrap="nowrap">
        <TextInput
          size="xs"
          w={320}
          leftSection={<IconSearch size={14} />}
          placeholder={t("canned.search")}
          aria-label={t("canned.search")}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          rightSection={replies.isFetching ? <Loader size={12} /> : null}
          data-testid="canned-search"
        />
        {canEdit && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setOpen({ reply: null, key: Date.now() })}
            data-testid="new-canned"
          >
            {t("cannedAdmin.new")}
          </Button>
        )}
      </Group>
      {inUse && (
        <Text size="sm" c="red" role="alert" data-testid="canned-in-use">
          {inUse}
        </Text>
      )}
      {replies.isSuccess && list.length === 0 ? (
        <EmptyState
          icon={<IconMessageBolt size={26} />}
          withIndicatorBackground
          title={query.trim() ? t("canned.noMatch") : t("canned.none")}
          description={query.trim() ? undefined : t("cannedAdmin.empty")}
          size="sm"
        />
      ) : (
        <Table verticalSpacing={8} withTableBorder highlightOnHover data-testid="canned-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("cannedAdmin.shortcut")}</Table.Th>
              <Table.Th>{t("cannedAdmin.titleLabel")}</Table.Th>
              <Table.Th>{t("cannedAdmin.languages")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((reply) => (
              <ReplyRow
                key={reply.id}
                reply={reply}
                canEdit={canEdit}
                onOpen={() => {
                  setInUse(null);
                  setOpen({ reply, key: Date.now() });
                }}
                onInUse={setInUse}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <CannedReplyDrawer
          key={open.key}
          reply={open.reply}
          onClose={() => setOpen(null)}
          readOnly={!canEdit}
        />
      )}
    </Stack>
  );
}
