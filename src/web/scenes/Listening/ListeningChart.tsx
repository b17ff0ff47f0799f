import { AreaChart } from "@mantine/charts";
import { Card, Group, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TListeningStats } from "../../../shared/listening.ts";
import { currentLocale } from "../../i18n/index.ts";

/** Volume by sentiment over time, with the velocity of the last hour against the baseline. */
export function ListeningChart({
  stats,
  interval,
}: {
  stats: TListeningStats;
  interval: "hour" | "day";
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const label = (iso: string) =>
    new Date(iso).toLocaleString(
      locale,
      interval === "hour"
        ? { hour: "2-digit", minute: "2-digit" }
        : { day: "numeric", month: "short" },
    );
  const data = stats.buckets.map((bucket) => ({ ...bucket, label: label(bucket.start) }));
  const { lastHour, baselinePerHour } = stats.velocity;
  return (
    <Card withBorder padding="md" data-testid="listening-chart">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h5">
          {t("listening.volume")}
        </Title>
        <Text size="sm" data-testid="listening-velocity">
          {t("listening.velocity", { lastHour, baseline: baselinePerHour })}
        </Text>
      </Group>
      <AreaChart
        h={220}
        data={data}
        dataKey="label"
        type="stacked"
        series={[
          { name: "negative", label: t("listening.sentiments.negative"), color: "red.6" },
          { name: "neutral", label: t("listening.sentiments.neutral"), color: "gray.5" },
          { name: "positive", label: t("listening.sentiments.positive"), color: "teal.6" },
        ]}
        curveType="monotone"
        withLegend
      />
    </Card>
  );
}
