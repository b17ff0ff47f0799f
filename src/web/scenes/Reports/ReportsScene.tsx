import { AreaChart, BarChart, LineChart } from "@mantine/charts";
import { Group, Loader, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useChannels } from "../../hooks/api/channels.ts";
import {
  exportUrl,
  type ReportFilters,
  type ReportRow,
  reportQuery,
  useOverview,
  useReport,
} from "../../hooks/api/reports.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { Figure, ReportCard } from "./ReportCard.tsx";

/** "45 s", "12 min", "3 h 20 min", "2 d 4 h": a duration read at a glance. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, "0")} min`;
  return `${Math.floor(s / 86_400)} d ${Math.round((s % 86_400) / 3600)} h`;
}

const minutes = (seconds: number | null) =>
  seconds === null ? null : Math.round(seconds / 6) / 10;

/** Rows of (day, key, conversations) → one row per day with a column per key. */
function pivot(rows: ReportRow[], key: string) {
  const days = new Map<string, Record<string, number | string>>();
  const keys = new Set<string>();
  for (const row of rows) {
    const day = String(row.day);
    const name = String(row[key] ?? "none");
    keys.add(name);
    const entry = days.get(day) ?? { day };
    entry[name] = Number(row.conversations);
    days.set(day, entry);
  }
  return { data: [...days.values()], keys: [...keys] };
}

const SENTIMENT_COLOURS: Record<string, string> = {
  negative: "red.6",
  neutral: "gray.5",
  positive: "teal.6",
  none: "gray.3",
};

export function ReportsScene() {
  const { t } = useTranslation();
  const channels = useChannels();
  const teams = useTeams();
  const [filters, setFilters] = useState<ReportFilters>({ days: 30, hours: "calendar" });
  // One instant per choice of filters, so that every chart reads the same period.
  const query = useMemo(() => reportQuery(filters), [filters]);
  const overview = useOverview(query);
  const backlog = useReport("backlog", query);
  const sentiment = useReport("sentiment", query);
  const agents = useReport("agents", query);
  const o = overview.data;

  const sentimentTrend = pivot(sentiment.data ?? [], "sentiment");
  const channelOptions = (channels.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  return (
    <div className="rl-page" data-testid="reports-scene">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <div>
            <Title order={1} size="h2">
              {t("reports.title")}
            </Title>
            <Text c="gray.7" size="sm">
              {t("reports.subtitle")}
            </Text>
          </div>
          <Group gap="sm" wrap="wrap" align="flex-end">
            <Select
              label={t("reports.period")}
              data={[7, 30, 90, 365].map((days) => ({
                value: String(days),
                label: t("reports.lastDays", { count: days }),
              }))}
              value={String(filters.days)}
              onChange={(value) => setFilters({ ...filters, days: Number(value ?? 30) })}
              allowDeselect={false}
              w={170}
            />
            <Select
              label={t("reports.channel")}
              placeholder={t("reports.all")}
              data={channelOptions}
              value={filters.channelId ?? null}
              onChange={(value) => setFilters({ ...filters, channelId: value ?? undefined })}
              clearable
              searchable
              w={190}
            />
            <Select
              label={t("reports.team")}
              placeholder={t("reports.all")}
              data={teamOptions}
              value={filters.teamId ?? null}
              onChange={(value) => setFilters({ ...filters, teamId: value ?? undefined })}
              clearable
              w={170}
            />
            <Select
              label={t("reports.clock")}
              data={[
                { value: "calendar", label: t("reports.calendar") },
                { value: "business", label: t("reports.business") },
              ]}
              value={filters.hours}
              onChange={(value) =>
                setFilters({ ...filters, hours: value === "business" ? "business" : "calendar" })
              }
              allowDeselect={false}
              w={190}
            />
          </Group>
        </Group>

        {overview.isError && (
          <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
        )}
        {!o && overview.isLoading && <Loader aria-label={t("reports.loading")} />}
        {o && (
          <>
            <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
              <Figure
                testId="figure-conversations"
                label={t("reports.conversations")}
                value={String(o.conversations)}
                hint={t("reports.conversationsHint")}
              />
              <Figure
                testId="figure-fr-median"
                label={t("reports.frMedian")}
                value={formatDuration(o.firstResponse.medianSeconds)}
                hint={t("reports.answered", { count: o.firstResponse.count })}
              />
              <Figure
                testId="figure-fr-p90"
                label={t("reports.frP90")}
                value={formatDuration(o.firstResponse.p90Seconds)}
                hint={t("reports.unanswered", { count: o.firstResponse.unanswered })}
              />
              <Figure
                testId="figure-res-median"
                label={t("reports.resMedian")}
                value={formatDuration(o.resolution.medianSeconds)}
                hint={t("reports.resolved", { count: o.resolution.count })}
              />
              <Figure
                testId="figure-res-p90"
                label={t("reports.resP90")}
                value={formatDuration(o.resolution.p90Seconds)}
              />
            </SimpleGrid>

            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <ReportCard
                testId="chart-volume"
                title={t("reports.volume")}
                csv={exportUrl("overview", query)}
              >
                <AreaChart
                  h={240}
                  data={o.byDay}
                  dataKey="day"
                  series={[
                    { name: "conversations", label: t("reports.conversations"), color: "indigo.6" },
                    { name: "inboundMessages", label: t("reports.inbound"), color: "cyan.6" },
                    { name: "outboundMessages", label: t("reports.outbound"), color: "teal.6" },
                  ]}
                  curveType="monotone"
                  withLegend
                />
              </ReportCard>
              <ReportCard
                testId="chart-times"
                title={t("reports.times")}
                csv={exportUrl("overview", query)}
              >
                <LineChart
                  h={240}
                  data={o.byDay.map((d) => ({
                    day: d.day,
                    frMedian: minutes(d.firstResponse.medianSeconds),
                    frP90: minutes(d.firstResponse.p90Seconds),
                    resMedian: minutes(d.resolution.medianSeconds),
                  }))}
                  dataKey="day"
                  unit=" min"
                  series={[
                    { name: "frMedian", label: t("reports.frMedian"), color: "indigo.6" },
                    { name: "frP90", label: t("reports.frP90"), color: "orange.6" },
                    { name: "resMedian", label: t("reports.resMedian"), color: "teal.6" },
                  ]}
                  connectNulls
                  withLegend
                />
              </ReportCard>
              <ReportCard
                testId="chart-backlog"
                title={t("reports.backlog")}
                csv={exportUrl("backlog", query)}
              >
                <AreaChart
                  h={220}
                  data={backlog.data ?? []}
                  dataKey="day"
                  series={[{ name: "open", label: t("reports.open"), color: "orange.6" }]}
                />
              </ReportCard>
              <ReportCard
                testId="chart-sentiment"
                title={t("reports.sentiment")}
                csv={exportUrl("sentiment", query)}
              >
                <BarChart
                  h={220}
                  data={sentimentTrend.data}
                  dataKey="day"
                  type="stacked"
                  series={sentimentTrend.keys.map((key) => ({
                    name: key,
                    label: t(`reports.sentiments.${key}`),
                    color: SENTIMENT_COLOURS[key] ?? "gray.5",
                  }))}
                  withLegend
                />
              </ReportCard>
              <ReportCard
                testId="chart-categories"
                title={t("reports.categories")}
                csv={exportUrl("categories", query)}
              >
                <BarChart
                  h={260}
                  data={o.byCategory.map((row) => ({
                    category: row.category
                      ? t(`categories.${row.category}`, { defaultValue: row.category })
                      : t("reports.sentiments.none"),
                    conversations: row.conversations,
                  }))}
                  dataKey="category"
                  orientation="vertical"
                  yAxisProps={{ width: 150 }}
                  series={[
                    { name: "conversations", label: t("reports.conversations"), color: "indigo.6" },
                  ]}
                />
              </ReportCard>
              <ReportCard
                testId="chart-agents"
                title={t("reports.agents")}
                csv={exportUrl("agents", query)}
              >
                <BarChart
                  h={260}
                  data={agents.data ?? []}
                  dataKey="name"
                  orientation="vertical"
                  yAxisProps={{ width: 150 }}
                  series={[
                    { name: "conversations", label: t("reports.conversations"), color: "indigo.6" },
                    { name: "replies", label: t("reports.replies"), color: "teal.6" },
                    { name: "openNow", label: t("reports.openNow"), color: "orange.6" },
                  ]}
                  withLegend
                />
              </ReportCard>
            </SimpleGrid>
          </>
        )}
      </Stack>
    </div>
  );
}
