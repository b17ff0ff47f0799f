import { Stack, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TChannel } from "../../../../shared/schemas.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { formatDateTime, formatRelative } from "../../../lib/format.ts";

/** A channel's health: the last message received, the last send error, the token's expiry. */
export function ChannelHealth({ channel }: { channel: TChannel }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { health } = channel;
  const when = (iso: string) => formatRelative(iso, locale);
  const expired = health.tokenExpiresAt ? Date.parse(health.tokenExpiresAt) < Date.now() : false;
  return (
    <Stack gap={2} data-testid="channel-health">
      <Text size="xs" c="dimmed" data-testid="channel-last-received">
        {health.lastReceivedAt ? (
          <Tooltip label={formatDateTime(health.lastReceivedAt, locale)}>
            <span>{t("channelHealth.lastReceived", { when: when(health.lastReceivedAt) })}</span>
          </Tooltip>
        ) : (
          t("channelHealth.neverReceived")
        )}
      </Text>
      {health.lastError && health.lastErrorAt ? (
        <Text size="xs" c="red.9" lineClamp={2} className="rl-wrap" title={health.lastError}>
          {t("channelHealth.lastError", {
            when: when(health.lastErrorAt),
            error: health.lastError,
          })}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {t("channelHealth.noError")}
        </Text>
      )}
      {health.tokenExpiresAt && (
        <Text size="xs" c={expired ? "red.9" : "dimmed"}>
          {t(expired ? "channelHealth.tokenExpired" : "channelHealth.tokenExpires", {
            when: when(health.tokenExpiresAt),
          })}
        </Text>
      )}
    </Stack>
  );
}
