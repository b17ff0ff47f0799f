import { z } from "zod";
import { REPORT_NAMES } from "../../../reports/catalogue.ts";
import { ZId } from "../../route.ts";

const DAY_MS = 86_400_000;

const filterFields = {
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  channelId: ZId.optional(),
  teamId: ZId.optional(),
  hours: z.enum(["calendar", "business"]).default("calendar"),
};

/** The filters a schedule keeps (dates are relative to each sending, so none is kept). */
export const ZReportFilters = z
  .object({
    channelId: ZId.optional(),
    teamId: ZId.optional(),
    hours: z.enum(["calendar", "business"]).default("calendar"),
  })
  .strict();

/** `?from&to&channelId&teamId&hours`: a period `[from, to)` (default: the last 30 days). */
export const ZReportQuery = withPeriod(z.object(filterFields));

/** `?report=<name>&format=csv&…filters`. */
export const ZExportQuery = withPeriod(
  z.object({
    ...filterFields,
    report: z.enum(REPORT_NAMES).default("overview"),
    format: z.enum(["csv"]).default("csv"),
  }),
);
export type TExportQuery = z.infer<typeof ZExportQuery>;

function withPeriod<T extends { from?: Date; to?: Date }>(schema: z.ZodType<T>) {
  return schema
    .transform((query) => {
      const to = query.to ?? new Date();
      const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
      return { ...query, from, to };
    })
    .refine((query) => query.from < query.to, { message: "from must be before to", path: ["from"] })
    .refine((query) => query.to.getTime() - query.from.getTime() <= 400 * DAY_MS, {
      message: "a report covers at most 400 days",
      path: ["to"],
    });
}
export type TReportQuery = z.infer<typeof ZReportQuery>;

const ZTimes = z.object({
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const ZOverview = z.object({
  conversations: z.number(),
  inboundMessages: z.number(),
  outboundMessages: z.number(),
  firstResponse: ZTimes.extend({
    count: z.number(),
    unanswered: z.number(),
    meanSeconds: z.number().nullable(),
  }),
  resolution: ZTimes.extend({ count: z.number() }),
  byChannel: z.array(
    z.object({
      channelId: z.string().nullable(),
      name: z.string().nullable(),
      kind: z.string().nullable(),
      conversations: z.number(),
    }),
  ),
  byCategory: z.array(z.object({ category: z.string().nullable(), conversations: z.number() })),
  bySentiment: z.array(z.object({ sentiment: z.string().nullable(), conversations: z.number() })),
  byDay: z.array(
    z.object({
      day: z.string(),
      conversations: z.number(),
      inboundMessages: z.number(),
      outboundMessages: z.number(),
      firstResponse: ZTimes,
      resolution: ZTimes,
    }),
  ),
});
