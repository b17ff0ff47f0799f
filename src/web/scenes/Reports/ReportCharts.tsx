import { AreaChart, BarChart, LineChart } from "@mantine/charts";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { DashboardChart } from "../../../shared/reportSchedules.ts";
import type { Overview, ReportRow } from "../../hooks/api/reports.ts";

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

type Series = Array<{ name: string; label: string; color: string }>;

/** Horizontal bars, one per row, labelled on the left (categories, agents). */
function Bars(props: { data: Array<Record<string, unknown>>; dataKey: string; series: Series }) {
  return (
    <BarChart
      h={260}
      data={props.data}
      dataKey={props.dataKey}
      orientation="vertical"
      yAxisProps={{ width: 150 }}
      series={props.series}
      withLegend={props.series.length > 1}
    />
  );
}

export interface ChartData {
  overview: Overview;
  backlog: ReportRow[];
  sentiment: ReportRow[];
  agents: ReportRow[];
}

export interface ChartSection {
  key: DashboardChart;
  title: string;
  /** The report its CSV export reads. */
  report: string;
  chart: ReactNode;
}

/** Every chart of the Reports screen, in order; the screen shows those the user chose. */
export function reportCharts(t: TFunction, data: ChartData): ChartSection[] {
  const o = data.overview;
  const conversations = {
    name: "conversations",
    label: t("reports.conversations"),
    color: "indigo.6",
  };
  const sentimentTrend = pivot(data.sentiment, "sentiment");
  return [
    {
      key: "volume",
      title: t("reports.volume"),
      report: "overview",
      chart: (
        <AreaChart
          h={240}
          data={o.byDay}
          dataKey="day"
          series={[
            conversations,
            { name: "inboundMessages", label: t("reports.inbound"), color: "cyan.6" },
            { name: "outboundMessages", label: t("reports.outbound"), color: "teal.6" },
          ]}
          curveType="monotone"
          withLegend
        />
      ),
    },
    {
      key: "times",
      title: t("reports.times"),
      report: "overview",
      chart: (
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
      ),
    },
    {
      key: "backlog",
      title: t("reports.backlog"),
      report: "backlog",
      chart: (
        <AreaChart
          h={220}
          data={data.backlog}
          dataKey="day"
          series={[{ name: "open", label: t("reports.open"), color: "orange.6" }]}
        />
      ),
    },
    {
      key: "sentiment",
      title: t("reports.sentiment"),
      report: "sentiment",
      chart: (
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
      ),
    },
    {
      key: "categories",
      title: t("reports.categories"),
      report: "categories",
      chart: (
        <Bars
          data={o.byCategory.map((row) => ({
            category: row.category
              ? t(`categories.${row.category}`, { defaultValue: row.category })
              : t("reports.sentiments.none"),
            conversations: row.conversations,
          }))}
          dataKey="category"
          series={[conversations]}
        />
      ),
    },
    {
      key: "agents",
      title: t("reports.agents"),
      report: "agents",
      chart: (
        <Bars
          data={data.agents}
          dataKey="name"
          series={[
            conversations,
            { name: "replies", label: t("reports.replies"), color: "teal.6" },
            { name: "openNow", label: t("reports.openNow"), color: "orange.6" },
          ]}
        />
      ),
    },
  ];
}
