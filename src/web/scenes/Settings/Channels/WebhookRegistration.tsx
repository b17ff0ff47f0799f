import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TChannel } from "../../../../shared/schemas.ts";
import { useRegisterWebhook } from "../../../hooks/api/channels.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";

interface WebhookRegistrationProps {
  channel: TChannel;
}

/**
 * Registers the channel's webhook with its provider (X's Account Activity API) and subscribes
 * the account, instead of doing it by hand in the provider's console. Safe to press again: what
 * is already registered is reused. The provider's refusal is shown with its own reason.
 */
export function WebhookRegistration({ channel }: WebhookRegistrationProps) {
  const { t } = useTranslation();
  const register = useRegisterWebhook();
  const known = register.data?.webhookId ?? channel.config.webhookId;
  const webhookId = typeof known === "string" ? known : null;
  return (
    <Stack
      gap={6}
      data-testid="webhook-registration"
      data-registered={webhookId ? "true" : "false"}
    >
      <Text size="sm" fw={600}>
        {t("channelWebhook.title")}
      </Text>
      <Text size="xs" c="dimmed" className="rl-wrap">
        {t("channelWebhook.help", { url: channel.webhookUrl })}
      </Text>
      <Group gap="sm" wrap="nowrap">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlugConnected size={14} />}
          loading={register.isPending}
          onClick={() =>
            register.mutate(channel.id, {
              onSuccess: () => notifySuccess(t("channelWebhook.done")),
            })
          }
          data-testid="register-webhook"
          style={{ flexShrink: 0 }}
        >
          {t("channelWebhook.register")}
        </Button>
        <Text size="xs" c={webhookId ? "teal.8" : "dimmed"} data-testid="webhook-status">
          {webhookId
            ? t("channelWebhook.registered", { id: webhookId })
            : t("channelWebhook.notRegistered")}
        </Text>
      </Group>
      {register.isError && (
        <Alert
          color="red"
          variant="light"
          p="xs"
          title={t("channelWebhook.failed")}
          role="alert"
          data-testid="webhook-error"
        >
          <Text size="xs" className="rl-wrap">
            {describeError(register.error)}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
