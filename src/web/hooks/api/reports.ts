import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiData, request, withQuery } from "../../lib/api.ts";

export interface ReportFilters {
  days: number;
  channelId?: string;
  teamId?: string;
  hours: "calendar" | "business";
}

export type ReportRow = Record<string, string | number | null>;

export interface Times {
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface Overview {
  conversations: number;
  inboundMessages: number;
  outboundMessages: number;
  firstResponse: Times & { count: number; unanswered: number; meanSeconds: number | null };
  resolution: Times & { count: number };
  byChannel: Array<{ channelId: string | null; name: string | null; conversations: number }>;
  byCategory: Array<{ category: string | null; conversations: number }>;
  bySentiment: Array<{ sentiment: string | null; conversations: number }>;
  byDay: Array<{
    day: string;
    conversations: number;
    inboundMessages: number;
    outboundMessages: number;
    firstResponse: Times;
    resolution: Times;
  }>;
}

const DAY_MS = 86_400_000;

/** The query string of the API for these filters: the last `days` days up to now. */
export function reportQuery(filters: ReportFilters, now = Date.now()) {
  return {
    from: new Date(now - filters.days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
    channelId: filters.channelId,
    teamId: filters.teamId,
    hours: filters.hours,
  };
}

/** Where a report downloads as CSV (the session cookie signs the request). */
export function exportUrl(report: string, query: Record<string, string | undefined>) {
  return withQuery("/api/v1/reports/export", { report, format: "csv", ...query });
}

export function useOverview(query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: ["reports", "overview", query],
    queryFn: ({ signal }) =>
      request<Overview>("GET", withQuery("/api/v1/reports/overview", query), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReport(name: string, query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: ["reports", name, query],
    queryFn: ({ signal }) =>
      apiData<ReportRow[]>("GET", withQuery(`/api/v1/reports/${name}`, query), { signal }),
    placeholderData: keepPreviousData,
  });
}
