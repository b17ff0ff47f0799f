import { type RawBuilder, sql } from "kysely";

/** What every report is asked for: a period `[from, to)`, optional channel and team, a clock. */
export interface ReportFilters {
  accountId: string;
  from: Date;
  to: Date;
  channelId?: string | undefined;
  teamId?: string | undefined;
  hours: "calendar" | "business";
}

/**
 * The conversations a report counts: those whose first customer message falls in `[from, to)`,
 * of the channel and team asked for, with that first customer message's time (`first_in`).
 * Every figure about conversations starts from this one definition (docs/reports.md). Spam
 * (and blocked contacts' messages) is never counted.
 */
export function countedConversations(filters: ReportFilters): RawBuilder<unknown> {
  return sql`
    select c.id, c.channel_id, c.team_id, c.assignee_id, c.category, c.sentiment, c.status,
           c.resolved_at, f.first_in
    from conversations c
    cross join lateral (
      select min(m.created_at) as first_in
      from messages m
      where m.account_id = c.account_id and m.conversation_id = c.id and m.direction = 'in'
    ) f
    where c.account_id = ${filters.accountId} and c.spam_at is null
      and f.first_in >= ${filters.from} and f.first_in < ${filters.to}
      ${filters.channelId ? sql`and c.channel_id = ${filters.channelId}` : sql``}
      ${filters.teamId ? sql`and c.team_id = ${filters.teamId}` : sql``}`;
}

/**
 * Each counted conversation with its first response: the first reply sent to the customer
 * (an outbound message with a sending time) at or after the first customer message.
 */
export function respondedConversations(filters: ReportFilters): RawBuilder<unknown> {
  return sql`
    select k.*, r.first_out
    from (${countedConversations(filters)}) k
    left join lateral (
      select min(m.sent_at) as first_out
      from messages m
      where m.account_id = ${filters.accountId} and m.conversation_id = k.id
        and m.direction = 'out' and m.sent_at is not null and m.sent_at >= k.first_in
    ) r on true`;
}

/** Messages of the period in conversations of the channel and team asked for. */
export function periodMessages(filters: ReportFilters): RawBuilder<unknown> {
  return sql`
    select m.direction, coalesce(m.sent_at, m.created_at) as at, m.conversation_id
    from messages m
    join conversations c on c.account_id = m.account_id and c.id = m.conversation_id
    where m.account_id = ${filters.accountId} and c.spam_at is null
      and ((m.direction = 'in' and m.created_at >= ${filters.from} and m.created_at < ${filters.to})
        or (m.direction = 'out' and m.sent_at >= ${filters.from} and m.sent_at < ${filters.to}))
      ${filters.channelId ? sql`and c.channel_id = ${filters.channelId}` : sql``}
      ${filters.teamId ? sql`and c.team_id = ${filters.teamId}` : sql``}`;
}
