import { Badge, Blockquote, Card, Group, Loader, Stack, Switch, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TAcknowledgementSetting } from "../../../../shared/sla.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useAcknowledgements, useSetAcknowledgement } from "../../../hooks/api/acknowledgements.ts";
import { notifyError } from "../../../lib/notify.ts";

/**
 * Per channel, off by default: whether a customer's first message is acknowledged with the time
 * they can expect an answer, and the very sentence a customer writing now would read (computed by
 * the server from the last 7 days and the queue, like the one it sends).
 */
export function AcknowledgementSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const settings = useAcknowledgements();
  return (
    <section aria-labelledby="sla-acknowledgements-title">
      <Title order={2} size="h4" id="sla-acknowledgements-title">
        {t("acknowledgements.title")}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t("acknowledgements.help")}
      </Text>
      {settings.isPending ? (
        <Loader size="sm" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : settings.data.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t("acknowledgements.noChannel")}
        </Text>
      ) : (
        <Stack gap="sm">
          {settings.data.map((setting) => (
            <ChannelAcknowledgement
              key={setting.channelId}
              setting={setting}
              canManage={canManage}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}

function ChannelAcknowledgement(props: { setting: TAcknowledgementSetting; canManage: boolean }) {
  const { setting, canManage } = props;
  const { t, i18n } = useTranslation();
  const save = useSetAcknowledgement();
  const { estimate } = setting;
  const language = i18n.language.startsWith("fr") ? "fr" : "en";
  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      weekday: "long",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(iso));
  return (
    <Card withBorder padding="sm" data-testid="acknowledgement" data-channel-id={setting.channelId}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Group gap={8}>
            <Text fw={600} className="rl-wrap">
              {setting.channelName}
            </Text>
            <Badge size="sm" variant="outline" color="gray.7">
              {t(`channelKinds.${setting.channelKind}`)}
            </Badge>
          </Group>
          <Text size="sm" mt={4} data-testid="acknowledgement-basis">
            {!estimate
              ? t("acknowledgements.noEstimate")
              : estimate.source === "history"
                ? t("acknowledgements.fromHistory", {
                    wait: estimate.waitMinutes,
                    median: Math.round(estimate.medianMinutes ?? 0),
                    count: estimate.samples,
                    queue: estimate.queueAhead,
                  })
                : t("acknowledgements.fromPolicy", {
                    wait: estimate.waitMinutes,
                    queue: estimate.queueAhead,
                  })}
          </Text>
          {estimate && !estimate.openNow && (
            <Text size="sm" c="gray.7">
              {t("acknowledgements.closedNow", { opens: time(estimate.opensAt) })}
            </Text>
          )}
        </div>
        <Switch
          checked={setting.enabled}
          disabled={!canManage || save.isPending}
          onChange={(event) =>
            save.mutate(
              { channelId: setting.channelId, enabled: event.currentTarget.checked },
              { onError: notifyError },
            )
          }
          label={t(setting.enabled ? "acknowledgements.on" : "acknowledgements.off")}
          aria-label={t("acknowledgements.toggle", { name: setting.channelName })}
          labelPosition="left"
          data-testid="acknowledgement-toggle"
        />
      </Group>
      {setting.preview && (
        <>
          <Text size="xs" c="gray.7" mt="sm">
            {t("acknowledgements.previewLabel")}
          </Text>
          <Blockquote
            p="xs"
            mt={4}
            color="indigo.9"
            lang={language}
            data-testid="acknowledgement-preview"
          >
            <Text size="sm">{setting.preview[language]}</Text>
          </Blockquote>
        </>
      )}
    </Card>
  );
}
