import { Alert, Card, Select, SimpleGrid, Text, Title } from "@mantine/core";
import { IconTargetArrow } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CHANNEL_KINDS,
  type ChannelKind,
  PRIORITIES,
  type Priority,
} from "../../../../shared/enums.ts";
import { type SlaSample, useSlaPreview } from "../../../hooks/api/sla.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { CATEGORIES, categoryKey } from "../../../lib/triage.ts";

const ANY = "__any__";
const orNull = (value: string | null) => (!value || value === ANY ? null : value);

/**
 * Which policy a sample conversation would get: the server answers with the very matching code
 * it runs when a conversation is created, so the preview cannot drift from what happens.
 */
export function SlaPreview({
  policiesVersion,
  onMatched,
}: {
  policiesVersion: number;
  onMatched: (policyId: string | null) => void;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const [sample, setSample] = useState<SlaSample>({
    channelKind: null,
    priority: "normal",
    category: null,
    teamId: null,
  });
  const preview = useSlaPreview(sample, policiesVersion);
  const matched = preview.data;
  useEffect(() => onMatched(matched?.policyId ?? null), [matched?.policyId, onMatched]);

  const none = { value: ANY, label: t("sla.preview.none") };
  return (
    <section aria-labelledby="sla-preview-title">
      <Title order={2} size="h4" id="sla-preview-title">
        {t("sla.preview.title")}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t("sla.preview.help")}
      </Text>
      <Card withBorder padding="sm" data-testid="sla-preview">
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
          <Select
            size="xs"
            label={t("sla.preview.channelKind")}
            data={[
              none,
              ...CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channelKinds.${kind}`) })),
            ]}
            value={sample.channelKind ?? ANY}
            onChange={(value) =>
              setSample((current) => ({
                ...current,
                channelKind: orNull(value) as ChannelKind | null,
              }))
            }
            allowDeselect={false}
            data-testid="sla-preview-channel"
          />
          <Select
            size="xs"
            label={t("sla.preview.priority")}
            data={PRIORITIES.map((priority) => ({
              value: priority,
              label: t(`priorities.${priority}`),
            }))}
            value={sample.priority}
            onChange={(value) =>
              value && setSample((current) => ({ ...current, priority: value as Priority }))
            }
            allowDeselect={false}
            data-testid="sla-preview-priority"
          />
          <Select
            size="xs"
            label={t("sla.preview.category")}
            data={[
              none,
              ...CATEGORIES.map((category) => ({
                value: category,
                label: t(categoryKey(category)),
              })),
            ]}
            value={sample.category ?? ANY}
            onChange={(value) => setSample((current) => ({ ...current, category: orNull(value) }))}
            allowDeselect={false}
          />
          <Select
            size="xs"
            label={t("sla.preview.team")}
            data={[
              none,
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            value={sample.teamId ?? ANY}
            onChange={(value) => setSample((current) => ({ ...current, teamId: orNull(value) }))}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Alert
          mt="sm"
          p="xs"
          variant="light"
          color={matched?.policyName ? "indigo" : "gray"}
          icon={<IconTargetArrow size={16} />}
          aria-live="polite"
          data-testid="sla-preview-result"
        >
          <Text size="sm">
            {matched?.policyName
              ? t("sla.preview.matched", { name: matched.policyName })
              : t("sla.preview.noPolicy")}
          </Text>
        </Alert>
      </Card>
    </section>
  );
}
