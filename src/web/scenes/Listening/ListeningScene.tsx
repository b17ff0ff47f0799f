import {
  Alert,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import {
  useListeningAlerts,
  useListeningQueries,
  useListeningStats,
  useMentions,
} from "../../hooks/api/listening.ts";
import { currentLocale } from "../../i18n/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ListeningChart } from "./ListeningChart.tsx";
import { MentionCard } from "./MentionCard.tsx";

const ALL = "__all__";

/**
 * What the public says about the brand, apart from the inbox: the mentions the account's
 * queries found (sentiment, reach, filters, full text), volume and sentiment over time with the
 * velocity, the negative spikes, and the button that turns a mention into a conversation.
 */
export function ListeningScene() {
  const { t } = useTranslation();
  const queries = useListeningQueries();
  const alerts = useListeningAlerts();
  const [queryId, setQueryId] = useState<string>(ALL);
  const [sentiment, setSentiment] = useState<string>(ALL);
  const [interval, setInterval] = useState<"hour" | "day">("hour");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const selected = queryId === ALL ? queries.data?.[0]?.id : queryId;
  const mentions = useMentions({
    queryId: queryId === ALL ? undefined : queryId,
    sentiment: sentiment === ALL ? undefined : sentiment,
    q: q || undefined,
  });
  const stats = useListeningStats(selected, interval);
  const names = new Map((queries.data ?? []).map((query) => [query.id, query.name]));

  if (queries.isError) return <ErrorState error={queries.error} />;
  return (
    <div className="rl-page" data-testid="listening-scene">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h3">
            {t("listening.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("listening.help")}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            size="xs"
            label={t("listening.query")}
            data={[
              { value: ALL, label: t("listening.allQueries") },
              ...(queries.data ?? []).map((query) => ({ value: query.id, label: query.name })),
            ]}
            value={queryId}
            onChange={(value) => setQueryId(value ?? ALL)}
            allowDeselect={false}
          />
          <Select
            size="xs"
            label={t("listening.sentiment")}
            data={[
              { value: ALL, label: t("listening.allSentiments") },
              ...(["negative", "neutral", "positive"] as const).map((value) => ({
                value,
                label: t(`listening.sentiments.${value}`),
              })),
            ]}
            value={sentiment}
            onChange={(value) => setSentiment(value ?? ALL)}
            allowDeselect={false}
          />
          <TextInput
            size="xs"
            label={t("listening.search")}
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </Group>
      </Group>

      {(alerts.data ?? []).slice(0, 3).map((alert) => (
        <Alert
          key={alert.id}
          color="red"
          icon={<IconAlertTriangle size={16} />}
          mb="sm"
          title={t("listening.spikeTitle", { query: names.get(alert.queryId) ?? "" })}
          data-testid="listening-alert"
        >
          {t("listening.spikeText", {
            count: alert.negativeCount,
            baseline: alert.baselinePerHour,
            at: formatDateTime(alert.startedAt, currentLocale()),
          })}
        </Alert>
      ))}

      {stats.data && (
        <Stack gap={4} mb="md">
          <Group justify="flex-end">
            <SegmentedControl
              size="xs"
              value={interval}
              onChange={(value) => setInterval(value as "hour" | "day")}
              data={[
                { value: "hour", label: t("listening.byHour") },
                { value: "day", label: t("listening.byDay") },
              ]}
              aria-label={t("listening.interval")}
            />
          </Group>
          <ListeningChart stats={stats.data} interval={interval} />
        </Stack>
      )}

      <Title order={2} size="h5" mb="xs">
        {t("listening.stream")}
      </Title>
      {mentions.isPending ? (
        <Loader size="sm" />
      ) : (mentions.data ?? []).length === 0 ? (
        <Text c="gray.7" size="sm">
          {(queries.data ?? []).length === 0 ? t("listening.noQuery") : t("listening.empty")}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="mention-stream">
          {(mentions.data ?? []).map((mention) => (
            <MentionCard key={mention.id} mention={mention} />
          ))}
        </Stack>
      )}
    </div>
  );
}
