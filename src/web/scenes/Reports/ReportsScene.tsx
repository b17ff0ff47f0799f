import {
  Button,
  Checkbox,
  Group,
  Loader,
  Popover,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DASHBOARD_CHARTS, type DashboardChart } from "../../../shared/reportSchedules.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useChannels } from "../../hooks/api/channels.ts";
import {
  useDashboardSelection,
  useSaveDashboardSelection,
} from "../../hooks/api/reportSchedules.ts";
import {
  exportUrl,
  type ReportFilters,
  reportQuery,
  useOverview,
  useReport,
} from "../../hooks/api/reports.ts";
import { useTeams } from "../../hooks/api/teams.ts";
import { formatSpan } from "../../lib/format.ts";
import { WeeklyStoryCard } from "../Stories/WeeklyStoryCard.tsx";
import { Figure, ReportCard } from "./ReportCard.tsx";
import { reportCharts } from "./ReportCharts.tsx";

/** "45 sec", "12 min", "3 hr 20 min", "2 days 4 hr": a duration read at a glance. */
export function formatReportDuration(seconds: number | null | undefined, locale: string): string {
  if (seconds === null || seconds === undefined) return "—";
  return formatSpan(Math.round(seconds) * 1000, locale);
}

export function ReportsScene() {
  const { t, i18n } = useTranslation();
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

  const selection = useDashboardSelection();
  const saveSelection = useSaveDashboardSelection();
  const shown = selection.data?.charts ?? [...DASHBOARD_CHARTS];
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
            <Popover position="bottom-end" shadow="md" withinPortal>
              <Popover.Target>
                <Button variant="default" data-testid="charts-shown">
                  {t("reports.chartsShown")} ({shown.length}/{DASHBOARD_CHARTS.length})
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Checkbox.Group
                  label={t("reports.chartsShown")}
                  value={shown}
                  onChange={(value) => saveSelection.mutate(value as DashboardChart[])}
                >
                  <Stack gap={6} mt={6}>
                    {DASHBOARD_CHARTS.map((chart) => (
                      <Checkbox key={chart} value={chart} label={t(`reports.${chart}`)} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Popover.Dropdown>
            </Popover>
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
                value={formatReportDuration(o.firstResponse.medianSeconds, i18n.language)}
                hint={t("reports.answered", { count: o.firstResponse.count })}
              />
              <Figure
                testId="figure-fr-p90"
                label={t("reports.frP90")}
                value={formatReportDuration(o.firstResponse.p90Seconds, i18n.language)}
                hint={t("reports.unanswered", { count: o.firstResponse.unanswered })}
              />
              <Figure
                testId="figure-res-median"
                label={t("reports.resMedian")}
                value={formatReportDuration(o.resolution.medianSeconds, i18n.language)}
                hint={t("reports.resolved", { count: o.resolution.count })}
              />
              <Figure
                testId="figure-res-p90"
                label={t("reports.resP90")}
                value={formatReportDuration(o.resolution.p90Seconds, i18n.language)}
              />
            </SimpleGrid>

            <WeeklyStoryCard />

            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              {reportCharts(t, {
                overview: o,
                backlog: backlog.data ?? [],
                sentiment: sentiment.data ?? [],
                agents: agents.data ?? [],
              })
                .filter((section) => shown.includes(section.key))
                .map((section) => (
                  <ReportCard
                    key={section.key}
                    testId={`chart-${section.key}`}
                    title={section.title}
                    csv={exportUrl(section.report, query)}
                  >
                    {section.chart}
                  </ReportCard>
                ))}
            </SimpleGrid>
            {shown.length === 0 && (
              <Text c="gray.7" size="sm" data-testid="no-charts">
                {t("reports.noCharts")}
              </Text>
            )}
          </>
        )}
      </Stack>
    </div>
  );
}
