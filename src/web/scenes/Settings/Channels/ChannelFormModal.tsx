import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNEL_KINDS, type ChannelKind } from "../../../../shared/enums.ts";
import type { TChannel } from "../../../../shared/schemas.ts";
import { ChannelIcon } from "../../../components/ChannelIcon.tsx";
import {
  type ChannelWithSecrets,
  useCreateChannelWithSecrets,
  useUpdateChannel,
} from "../../../hooks/api/channels.ts";
import {
  buildPayload,
  CHANNEL_FORMS,
  type FieldValue,
  initialValue,
} from "../../../lib/channelFields.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";
import { ChatChannelFields, chatConfigOf, chatSettingsOf } from "./ChatChannelFields.tsx";
import { ProviderFields } from "./ProviderFields.tsx";
import { WebhookRegistration } from "./WebhookRegistration.tsx";

interface ChannelFormModalProps {
  /** The channel to edit; null to create one. */
  channel: TChannel | null;
  onClose: () => void;
  onCreated: (channel: ChannelWithSecrets) => void;
}

function valuesFor(kind: ChannelKind, config: Record<string, unknown>) {
  return Object.fromEntries(
    CHANNEL_FORMS[kind].fields.map((field) => [field.key, initialValue(field, config)]),
  ) as Record<string, FieldValue>;
}

/** Creates a channel of any kind, or changes one: the fields its provider needs. */
export function ChannelFormModal({ channel, onClose, onCreated }: ChannelFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateChannelWithSecrets();
  const update = useUpdateChannel();
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? "api");
  const [name, setName] = useState(channel?.name ?? "");
  const [values, setValues] = useState(() => valuesFor(kind, channel?.config ?? {}));
  const [chat, setChat] = useState(() => chatSettingsOf(channel?.config ?? {}));
  const [signs, setSigns] = useState(channel?.signPublicReplies ?? false);
  const form = CHANNEL_FORMS[kind];
  const error = create.error ?? update.error;
  const pending = create.isPending || update.isPending;
  const missing = form.fields.some(
    (field) =>
      kind !== "chat" &&
      field.required &&
      !(channel && field.into === "secrets") &&
      !String(values[field.key] ?? "").trim(),
  );

  const chooseKind = (next: ChannelKind) => {
    setKind(next);
    setValues(valuesFor(next, {}));
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload =
      kind === "chat"
        ? { config: chatConfigOf(chat), secrets: {} }
        : buildPayload(form, values, channel ? channel.config : null);
    if (channel) {
      const changes = {
        ...(name.trim() !== channel.name ? { name: name.trim() } : {}),
        ...(Object.keys(payload.config).length ? { config: payload.config } : {}),
        ...(Object.keys(payload.secrets).length ? { secrets: payload.secrets } : {}),
        ...(signs !== channel.signPublicReplies ? { signPublicReplies: signs } : {}),
      };
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate(
        { id: channel.id, changes },
        {
          onSuccess: () => {
            notifySuccess(t("settings.saved"));
            onClose();
          },
        },
      );
      return;
    }
    create.mutate(
      {
        body: { kind, name: name.trim(), config: payload.config, secrets: payload.secrets },
        generates: form.generatesSecrets,
      },
      {
        onSuccess: (created) => {
          onClose();
          onCreated(created);
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size={kind === "chat" ? 760 : 620}
      title={
        channel ? t("channelForm.editTitle", { name: channel.name }) : t("channelForm.newTitle")
      }
      scrollAreaComponent={ScrollArea.Autosize}
      centered
    >
      <form onSubmit={submit} data-testid="channel-form" data-kind={kind}>
        <Stack gap="md">
          <TextInput
            label={t("channels.name")}
            placeholder={t("channels.namePlaceholder")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            data-autofocus
            maxLength={100}
          />
          {!channel && (
            <Radio.Group
              label={t("channelForm.kind")}
              value={kind}
              onChange={(value) => chooseKind(value as ChannelKind)}
            >
              <SimpleGrid cols={5} spacing={6} mt={6}>
                {CHANNEL_KINDS.map((value) => (
                  <Radio.Card
                    key={value}
                    value={value}
                    className="rl-kind-card"
                    data-kind-option={value}
                  >
                    <Stack gap={4} align="center">
                      <ChannelIcon kind={value} size={18} />
                      <Text size="xs" ta="center" lh={1.2}>
                        {t(`channelKinds.${value}`)}
                      </Text>
                    </Stack>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
          )}
          <Text size="sm" c="dimmed">
            {t(`channelForm.about.${kind}`)}
          </Text>
          {kind === "chat" ? (
            <ChatChannelFields settings={chat} onChange={setChat} />
          ) : (
            <ProviderFields
              kind={kind}
              fields={form.fields}
              values={values}
              onChange={(key, value) => setValues({ ...values, [key]: value })}
              editing={Boolean(channel)}
            />
          )}
          {channel && form.fields.some((field) => field.into === "secrets") && (
            <Text size="xs" c="dimmed">
              {t("channelForm.secretsWriteOnly")}
            </Text>
          )}
          {channel?.publicReplyLimit && (
            <Switch
              label={t("signature.channelSwitch")}
              description={t("signature.channelHelp")}
              checked={signs}
              onChange={(event) => setSigns(event.currentTarget.checked)}
              data-testid="channel-sign-public-replies"
            />
          )}
          {channel && form.registersWebhook && <WebhookRegistration channel={channel} />}
          {error && (
            <Alert color="red" variant="light" p="sm" role="alert" data-testid="channel-error">
              <Text size="sm">{describeError(error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              loading={pending}
              disabled={!name.trim() || missing}
              data-testid="channel-save"
            >
              {channel ? t("actions.save") : t("channels.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
