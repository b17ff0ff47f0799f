import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { ReportFilters } from "./filters.ts";
import { overviewReport } from "./overview.ts";
import { agentsReport, backlogReport, teamsReport, trendReport, volumeReport } from "./series.ts";

export type ReportRow = Record<string, string | number | null>;

/**
 * Every report that exports as rows, by the name `?report=` takes. A feature with figures of its
 * own (SLA, promises, surveys) adds its entry here to be exported and scheduled.
 */
export const REPORTS = {
  overview: async (db, filters) =>
    (await overviewReport(db, filters)).byDay.map((row) => ({
      day: row.day,
      conversations: row.conversations,
      inboundMessages: row.inboundMessages,
      outboundMessages: row.outboundMessages,
      firstResponseMedianSeconds: row.firstResponse.medianSeconds,
      firstResponseP90Seconds: row.firstResponse.p90Seconds,
      resolutionMedianSeconds: row.resolution.medianSeconds,
      resolutionP90Seconds: row.resolution.p90Seconds,
    })),
  volume: volumeReport,
  backlog: backlogReport,
  agents: agentsReport,
  teams: teamsReport,
  sentiment: (db, filters) => trendReport(db, filters, "sentiment"),
  categories: (db, filters) => trendReport(db, filters, "category"),
} satisfies Record<string, (db: Kysely<DB>, filters: ReportFilters) => Promise<ReportRow[]>>;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as [ReportName, ...ReportName[]];

/** Columns of each report, in order, so that an empty export still has its header row. */
export const REPORT_COLUMNS: Record<ReportName, string[]> = {
  overview: [
    "day",
    "conversations",
    "inboundMessages",
    "outboundMessages",
    "firstResponseMedianSeconds",
    "firstResponseP90Seconds",
    "resolutionMedianSeconds",
    "resolutionP90Seconds",
  ],
  volume: ["day", "channelId", "channel", "conversations", "inboundMessages", "outboundMessages"],
  backlog: ["day", "open"],
  agents: ["userId", "name", "conversations", "replies", "openNow"],
  teams: ["teamId", "team", "conversations"],
  sentiment: ["day", "sentiment", "conversations"],
  categories: ["day", "category", "conversations"],
};
