import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { TimelineType } from "../../shared/customers.ts";
import { ZInstant } from "../../shared/instant.ts";
import type { DB } from "../db/schema.ts";
import { decodeCursor, encodeCursor } from "../routes/cursor.ts";

/** (at, id): ids are uuids, or audit entries' numbers, compared as text. */
const ZTimelineCursor = z.tuple([ZInstant, z.string().min(1).max(64)]);

export interface TimelineRow {
  type: TimelineType;
  id: string;
  at: Date;
  conversation_id: string;
  conversation_number: number;
  channel_kind: string | null;
  channel_name: string | null;
  direction: string | null;
  text: string | null;
  status: string | null;
  author: string | null;
}

/**
 * A contact's whole story in time order: every message and internal note, call, callback and
 * status change of every conversation of theirs, on every channel, each with its conversation
 * and channel. Keyset-paginated on (at, id); each part reads its own index (messages by
 * conversation, calls and callbacks by conversation or contact, audit by subject) and is cut at
 * the page size before the parts are merged.
 */
export async function findContactTimeline(
  db: Kysely<DB>,
  accountId: string,
  contactId: string,
  page: { cursor?: string; limit: number },
): Promise<{ rows: TimelineRow[]; nextCursor?: string }> {
  const [afterAt, afterId] = page.cursor
    ? decodeCursor(page.cursor, ZTimelineCursor)
    : ["-infinity", ""];
  const after = sql`(${afterAt}::timestamptz, ${afterId}::text)`;
  const take = page.limit + 1;
  const { rows } = await sql<TimelineRow>`
    with convs as (
      select c.id, c.number, ch.kind as channel_kind, ch.name as channel_name
      from conversations c
      left join channels ch on ch.account_id = c.account_id and ch.id = c.channel_id
      where c.account_id = ${accountId} and c.contact_id = ${contactId}
    ),
    items as (
      (select case when m.direction = 'note' then 'note' else 'message' end as type,
         m.id::text as id, date_trunc('milliseconds', m.created_at) as at, m.conversation_id, m.direction, m.text,
         null::text as status, coalesce(u.name, ct.name) as author, m.channel_id
       from convs join messages m on m.account_id = ${accountId} and m.conversation_id = convs.id
       left join users u on u.account_id = m.account_id and u.id = m.author_user_id
       left join contacts ct on ct.account_id = m.account_id and ct.id = m.author_contact_id
       where m.deleted_at is null and (date_trunc('milliseconds', m.created_at), m.id::text) > ${after}
       order by 3, 2 limit ${take})
      union all
      (select 'call', k.id::text, date_trunc('milliseconds', k.created_at), k.conversation_id, k.direction, null, k.status,
         u.name, k.channel_id
       from convs join calls k on k.account_id = ${accountId} and k.conversation_id = convs.id
       left join users u on u.account_id = k.account_id and u.id = k.started_by_id
       where (date_trunc('milliseconds', k.created_at), k.id::text) > ${after}
       order by 3, 2 limit ${take})
      union all
      (select 'callback', b.id::text, date_trunc('milliseconds', b.created_at), b.conversation_id, null, b.note, b.status,
         null, null
       from callbacks b
       where b.account_id = ${accountId} and b.contact_id = ${contactId}
         and (date_trunc('milliseconds', b.created_at), b.id::text) > ${after}
       order by 3, 2 limit ${take})
      union all
      (select 'status', a.id::text, date_trunc('milliseconds', a.created_at), convs.id, null, null, a.data->>'status',
         u.name, null
       from convs join audit_log a on a.account_id = ${accountId}
         and a.subject_type = 'conversation' and a.subject_id = convs.id::text
       left join users u on u.account_id = a.account_id and u.id = a.actor_user_id
       where a.data ? 'status' and (date_trunc('milliseconds', a.created_at), a.id::text) > ${after}
       order by 3, 2 limit ${take})
    )
    select items.type, items.id, items.at, items.conversation_id, convs.number as conversation_number,
      coalesce(ch.kind, convs.channel_kind) as channel_kind,
      coalesce(ch.name, convs.channel_name) as channel_name,
      items.direction, items.text, items.status, items.author
    from items join convs on convs.id = items.conversation_id
    left join channels ch on ch.account_id = ${accountId} and ch.id = items.channel_id
    order by items.at, items.id
    limit ${take}`.execute(db);
  const visible = rows.slice(0, page.limit);
  const last = visible.at(-1);
  return {
    rows: visible,
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor([new Date(last.at).toISOString(), last.id])
        : undefined,
  };
}
