import { Alert, Button, Code, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TChannel } from "../../../../shared/schemas.ts";
import { CopyField } from "../../../components/CopyField.tsx";
import type { ChannelWithSecrets } from "../../../hooks/api/channels.ts";
import { CHANNEL_FORMS } from "../../../lib/channelFields.ts";

/** `<script src="<origin>/widget.js" data-channel="<id>" async></script>` for a chat channel. */
export function embedSnippet(channel: TChannel): string {
  const origin = new URL(channel.webhookUrl, window.location.origin).origin;
  return `<script src="${origin}/widget.js" data-channel="${channel.id}" async></script>`;
}

/** The one tag a site adds to show the chat widget. */
export function EmbedSnippet({ channel }: { channel: TChannel }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {t("chatChannel.snippet")}
      </Text>
      <CopyField value={embedSnippet(channel)} testId="embed-snippet" />
      <Text size="xs" c="dimmed" mt={4}>
        {t("chatChannel.snippetHelp")}
      </Text>
    </div>
  );
}

/**
 * Right after a channel is created (or its secret replaced): what to paste where. Secrets
 * Relais generated for the admin are shown this once.
 */
export function ChannelCreatedModal({
  channel,
  onClose,
}: {
  channel: ChannelWithSecrets | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const secret = channel?.secrets?.secret;
  const form = channel ? CHANNEL_FORMS[channel.kind] : null;
  return (
    <Modal
      opened={Boolean(channel)}
      onClose={onClose}
      title={
        channel?.kind === "api" || !channel
          ? t("channels.createdTitle", { name: channel?.name ?? "" })
          : t("channelForm.readyTitle", { name: channel.name })
      }
      size="lg"
      centered
    >
      {channel && (
        <Stack gap="md" data-testid="channel-secrets" data-kind={channel.kind}>
          {channel.kind === "chat" && <EmbedSnippet channel={channel} />}
          {form?.webhook && (
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("channels.webhookUrl")}
              </Text>
              <CopyField value={channel.webhookUrl} testId="webhook-url" />
              {channel.kind !== "api" && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t(`channelForm.webhookHelp.${channel.kind}`)}
                </Text>
              )}
            </div>
          )}
          {!form?.webhook && channel.kind !== "chat" && (
            <Text size="sm">{t(`channelForm.created.${channel.kind}`)}</Text>
          )}
          {typeof secret === "string" && (
            <>
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {channel.kind === "chat" ? t("chatChannel.secret") : t("channels.secret")}
                </Text>
                <CopyField value={secret} testId="webhook-secret" />
              </div>
              <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
                {channel.kind === "chat" ? t("chatChannel.secretOnce") : t("channels.secretOnce")}
              </Alert>
            </>
          )}
          {channel.kind === "api" && (
            <Text size="xs" c="dimmed">
              {t("channels.signatureHelp")}{" "}
              <Code>X-Relais-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")</Code>
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="channel-created-done">
              {typeof secret === "string" ? t("channels.done") : t("actions.close")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
