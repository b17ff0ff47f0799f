import {
  ActionIcon,
  Button,
  Code,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconCode, IconKey, IconPlus, IconSettings } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TChannel } from "../../../shared/schemas.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useConfirm } from "../../components/useConfirm.tsx";
import {
  type ChannelWithSecrets,
  useChannels,
  useRotateSecret,
  useUpdateChannel,
} from "../../hooks/api/channels.ts";
import { CHANNEL_FORMS } from "../../lib/channelFields.ts";
import { notifyError } from "../../lib/notify.ts";
import { ChannelCreatedModal, EmbedSnippet } from "./Channels/ChannelCreatedModal.tsx";
import { ChannelFormModal } from "./Channels/ChannelFormModal.tsx";
import { ChannelHealth } from "./Channels/ChannelHealth.tsx";

function ChannelRow({
  channel,
  onSecret,
  onEdit,
  onEmbed,
}: {
  channel: TChannel;
  onSecret: (channel: ChannelWithSecrets) => void;
  onEdit: () => void;
  onEmbed: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateChannel();
  const rotate = useRotateSecret();
  const [confirm, confirmDialog] = useConfirm();
  const form = CHANNEL_FORMS[channel.kind];
  return (
    <Table.Tr data-channel-id={channel.id} data-kind={channel.kind}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <ChannelIcon kind={channel.kind} size={20} />
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} className="rl-wrap">
              {channel.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`channelKinds.${channel.kind}`)}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff={form.webhook ? "monospace" : undefined} className="rl-wrap" c="dimmed">
          {form.webhook ? channel.webhookUrl : t(`channelForm.inbound.${channel.kind}`)}
        </Text>
      </Table.Td>
      <Table.Td w={230}>
        <ChannelHealth channel={channel} />
      </Table.Td>
      <Table.Td w={130}>
        <Switch
          size="xs"
          checked={!channel.disabled}
          label={channel.disabled ? t("channels.disabled") : t("channels.enabled")}
          onChange={(event) =>
            update.mutate(
              { id: channel.id, changes: { disabled: !event.currentTarget.checked } },
              { onError: notifyError },
            )
          }
        />
      </Table.Td>
      <Table.Td w={190}>
        <Group gap={2} justify="flex-end" wrap="nowrap">
          {channel.kind === "chat" && (
            <Tooltip label={t("chatChannel.snippet")}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={onEmbed}
                aria-label={t("chatChannel.snippetFor", { name: channel.name })}
                data-testid="channel-embed"
              >
                <IconCode size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          {(channel.kind === "api" || channel.kind === "chat") && (
            <Tooltip label={t("channels.rotate")}>
              <ActionIcon
                variant="subtle"
                color="gray"
                loading={rotate.isPending}
                aria-label={t("channels.rotateFor", { name: channel.name })}
                onClick={async () => {
                  const sure = await confirm({
                    title: t("channels.rotateFor", { name: channel.name }),
                    message: t("channels.confirmRotate"),
                    confirmLabel: t("channels.rotate"),
                    danger: true,
                  });
                  if (sure)
                    rotate.mutate(channel.id, { onSuccess: onSecret, onError: notifyError });
                }}
              >
                <IconKey size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={t("channelForm.edit")}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onEdit}
              aria-label={t("channelForm.editTitle", { name: channel.name })}
              data-testid="channel-edit"
            >
              <IconSettings size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {confirmDialog}
      </Table.Td>
    </Table.Tr>
  );
}

/** Where customers write from: every kind of channel is created and configured here. */
export function ChannelsSettings() {
  const { t } = useTranslation();
  const channels = useChannels();
  const [form, setForm] = useState<{ channel: TChannel | null; key: number } | null>(null);
  const [shown, setShown] = useState<ChannelWithSecrets | null>(null);
  const [embed, setEmbed] = useState<TChannel | null>(null);
  if (channels.isError)
    return <ErrorState error={channels.error} onRetry={() => channels.refetch()} />;

  return (
    <Stack gap="md" data-testid="channels-settings">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t("channels.help")} <Code>npx relais channel add &lt;kind&gt;</Code>
        </Text>
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setForm({ channel: null, key: Date.now() })}
          data-testid="add-api-channel"
          style={{ flexShrink: 0 }}
        >
          {t("channels.add")}
        </Button>
      </Group>
      {channels.data?.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="xl">
          {t("channels.empty")}
        </Text>
      ) : (
        <Table verticalSpacing={8} withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={300}>{t("channels.name")}</Table.Th>
              <Table.Th>{t("channels.inbound")}</Table.Th>
              <Table.Th>{t("channelHealth.title")}</Table.Th>
              <Table.Th>{t("channels.state")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.data?.map((channel) => (
              <ChannelRow
                key={channel.id}
                channel={channel}
                onSecret={setShown}
                onEdit={() => setForm({ channel, key: Date.now() })}
                onEmbed={() => setEmbed(channel)}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {form && (
        <ChannelFormModal
          key={form.key}
          channel={form.channel}
          onClose={() => setForm(null)}
          onCreated={setShown}
        />
      )}
      <ChannelCreatedModal channel={shown} onClose={() => setShown(null)} />
      <Modal
        opened={Boolean(embed)}
        onClose={() => setEmbed(null)}
        title={embed?.name}
        size="lg"
        centered
      >
        {embed && <EmbedSnippet channel={embed} />}
      </Modal>
    </Stack>
  );
}
