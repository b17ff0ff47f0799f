import { Alert, Badge, Blockquote, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TDelayPreview } from "../../../shared/backoffice.ts";
import type { ChannelKind } from "../../../shared/enums.ts";
import { ChannelIcon } from "../../components/ChannelIcon.tsx";

/** Known reasons an order is left out, in the agent's words; anything else is shown as sent. */
const SKIP_REASONS: Record<string, string> = {
  "no channel reaches the customer": "backoffice.delay.skipReasons.noChannel",
};

export function SkippedOrders({ skipped }: { skipped: TDelayPreview["skipped"] }) {
  const { t } = useTranslation();
  if (skipped.length === 0) return null;
  return (
    <Alert
      variant="light"
      color="orange"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t("backoffice.delay.skipped", { count: skipped.length })}
      data-testid="delay-skipped"
    >
      <Stack gap={2}>
        {skipped.map((skip) => (
          <Text size="sm" key={skip.orderNumber} className="rl-wrap">
            {t("backoffice.order.number", { number: skip.orderNumber })} —{" "}
            {SKIP_REASONS[skip.reason] ? t(SKIP_REASONS[skip.reason] as string) : skip.reason}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** Who the delay would tell, on which channel and in which language, and the two messages. */
export function DelayPreview({ preview }: { preview: TDelayPreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="delay-preview">
      <Text fw={600} data-testid="delay-preview-counts">
        {t("backoffice.delay.ordersAffected", { count: preview.affectedOrders })} ·{" "}
        {t("backoffice.delay.willBeTold", { count: preview.recipients.length })}
      </Text>
      {preview.recipients.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder aria-label={t("backoffice.delay.recipients")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("backoffice.delay.customer")}</Table.Th>
                <Table.Th>{t("backoffice.delay.channel")}</Table.Th>
                <Table.Th>{t("backoffice.delay.language")}</Table.Th>
                <Table.Th>{t("backoffice.delay.orders")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.recipients.map((recipient) => (
                <Table.Tr key={recipient.contact.id} data-testid="delay-recipient">
                  <Table.Td className="rl-wrap">
                    {recipient.contact.name ?? recipient.contact.email ?? t("contact.unknown")}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ChannelIcon
                        kind={recipient.channel.kind as ChannelKind}
                        size={14}
                        label={t(`channelKinds.${recipient.channel.kind}`)}
                      />
                      <Text size="sm" className="rl-wrap">
                        {recipient.channel.name}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="dot">
                      {t(`backoffice.languages.${recipient.language}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="rl-wrap">{recipient.orderNumbers.join(", ")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SkippedOrders skipped={preview.skipped} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(["fr", "en"] as const).map((language) => (
          <div key={language}>
            <Text size="sm" fw={600} mb={4}>
              {t("backoffice.delay.messageIn", {
                language: t(`backoffice.languages.${language}`),
              })}
            </Text>
            <Blockquote
              p="sm"
              color="gray"
              lang={language}
              data-testid={`delay-message-${language}`}
            >
              <Text size="sm" className="rl-wrap">
                {preview.messages[language]}
              </Text>
            </Blockquote>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
