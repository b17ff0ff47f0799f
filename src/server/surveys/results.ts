import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { TConversationSurvey, TEffortReport, TSurveyResponse } from "../../shared/surveys.ts";
import type { Resolution } from "../db/schema/surveys.ts";
import type { DB } from "../db/schema.ts";
import { decodeCursor, encodeCursor } from "../routes/cursor.ts";

export interface PeriodFilter {
  from?: string;
  to?: string;
  channelId?: string;
  teamId?: string;
  userId?: string;
}

export function presentSurveyResponse(row: Resolution): TSurveyResponse {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    contactId: row.contact_id,
    channelId: row.channel_id,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    category: row.category,
    resolvedAt: row.resolved_at.toISOString(),
    ces: row.ces,
    csat: row.csat,
    comment: row.comment,
    source: row.answer_source,
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}

export function presentConversationSurvey(row: Resolution): TConversationSurvey {
  return {
    ...presentSurveyResponse(row),
    status: row.survey_status,
    reason: row.survey_reason,
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** The survey of a conversation's latest resolution, or null when it was never resolved. */
export async function findConversationSurvey(
  db: Kysely<DB>,
  accountId: string,
  conversationId: string,
): Promise<Resolution | null> {
  return (
    (await db
      .selectFrom("resolutions")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("conversation_id", "=", conversationId)
      .orderBy("resolved_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

const ZResponseCursor = z.tuple([z.string(), z.string()]);

/** Answered surveys, newest answer first (index resolutions_answers). */
export async function listSurveyResponses(
  db: Kysely<DB>,
  accountId: string,
  filter: PeriodFilter & { cursor?: string; limit: number },
): Promise<{ rows: Resolution[]; nextCursor?: string }> {
  let query = db
    .selectFrom("resolutions")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("answered_at", "is not", null);
  if (filter.from) query = query.where("answered_at", ">=", new Date(filter.from));
  if (filter.to) query = query.where("answered_at", "<", new Date(filter.to));
  if (filter.channelId) query = query.where("channel_id", "=", filter.channelId);
  if (filter.teamId) query = query.where("team_id", "=", filter.teamId);
  if (filter.userId) query = query.where("assignee_id", "=", filter.userId);
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, ZResponseCursor);
    query = query.where(sql<boolean>`(answered_at, id) < (${new Date(at)}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy("answered_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > filter.limit && last?.answered_at
        ? encodeCursor([last.answered_at.toISOString(), last.id])
        : undefined,
  };
}

const rate = (part: number, whole: number) => (whole > 0 ? round(part / whole) : null);
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const mean = (value: unknown) =>
  value === null || value === undefined ? null : round(Number(value));

/**
 * The effort figures of the resolutions in a period (by resolution date; index
 * resolutions_period): CES and CSAT, response rate, contacts per resolution (per problem: the
 * resolutions no repeat followed), first-contact resolution (one contact, never reopened, no
 * repeat within the window), repeat, reopen and channel-switch rates.
 */
export async function effortReport(
  db: Kysely<DB>,
  accountId: string,
  filter: PeriodFilter,
): Promise<TEffortReport> {
  const conditions = [sql`account_id = ${accountId}`];
  if (filter.from) conditions.push(sql`resolved_at >= ${new Date(filter.from)}`);
  if (filter.to) conditions.push(sql`resolved_at < ${new Date(filter.to)}`);
  if (filter.channelId) conditions.push(sql`channel_id = ${filter.channelId}::uuid`);
  if (filter.teamId) conditions.push(sql`team_id = ${filter.teamId}::uuid`);
  const where = sql.join(conditions, sql` and `);
  // `repeated`: the customer came back about the same problem after this resolution (a later
  // conversation linked to it as a repeat, within the window; index conversations_repeat_of). Such
  // a resolution did not end the problem: it is neither a first-contact resolution nor counted in
  // contacts per resolution, which the problem's last resolution carries for its whole chain.
  const { rows } = await sql<Record<string, string | number | null>>`
    select
      count(*) as resolutions,
      avg(contacts) filter (where not repeated) as contacts_mean,
      percentile_cont(0.5) within group (order by contacts) filter (where not repeated)
        as contacts_median,
      count(*) filter (where contacts = 1 and reopened_at is null and not repeated)
        as first_contact,
      count(*) filter (where repeated) as repeated,
      count(*) filter (where reopened_at is not null) as reopened,
      count(*) filter (where channel_switch) as switched,
      count(*) filter (where sent_at is not null) as sent,
      count(*) filter (where answered_at is not null and sent_at is not null) as answered,
      avg(ces) as ces_mean, count(ces) as ces_responses,
      avg(csat) as csat_mean, count(csat) as csat_responses,
      count(*) filter (where csat >= 4) as satisfied
    from (
      select resolutions.*, exists (
        select 1 from conversations repeat
        where repeat.account_id = resolutions.account_id
          and repeat.repeat_of_id = resolutions.conversation_id
          and repeat.created_at > resolutions.resolved_at
      ) as repeated
      from resolutions where ${where}
    ) resolutions`.execute(db);
  const figures = rows[0] ?? {};
  const n = (key: string) => Number(figures[key] ?? 0);
  const distribution = await sql<{ ces: number; count: string | number }>`
    select ces, count(*) as count from resolutions where ${where} and ces is not null
    group by ces`.execute(db);
  const byScore: Record<string, number> = Object.fromEntries(
    Array.from({ length: 7 }, (_, index) => [String(index + 1), 0]),
  );
  for (const row of distribution.rows) byScore[String(row.ces)] = Number(row.count);
  const resolutions = n("resolutions");
  return {
    ces: { mean: mean(figures.ces_mean), responses: n("ces_responses"), distribution: byScore },
    csat: {
      mean: mean(figures.csat_mean),
      responses: n("csat_responses"),
      satisfiedRate: rate(n("satisfied"), n("csat_responses")),
    },
    responseRate: rate(n("answered"), n("sent")),
    contactsPerResolution: {
      mean: mean(figures.contacts_mean),
      median: mean(figures.contacts_median),
    },
    firstContactResolutionRate: rate(n("first_contact"), resolutions),
    repeatRate: rate(n("repeated"), resolutions),
    reopenRate: rate(n("reopened"), resolutions),
    channelSwitchRate: rate(n("switched"), resolutions),
    resolutions,
  };
}
