import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Rows deleted per statement, so one sweep never holds a long lock or a huge transaction. */
const BATCH = 500;

/** Sessions without a contact (never wrote) last seen before `cutoff`, on `chat_sessions_unwritten`. */
export function silentSessions(db: Kysely<DB>, cutoff: Date, limit = BATCH) {
  return db
    .selectFrom("chat_sessions")
    .select(["account_id", "id"])
    .where("contact_id", "is", null)
    .where("last_seen_at", "<", cutoff)
    .limit(limit);
}

/**
 * Forgets anonymous widget visitors who never wrote, once `retentionHours` have passed since
 * they were last seen: their sessions (which have no contact), and — for visitors from before
 * contacts were created on the first message — contacts that only ever had an anonymous chat
 * identity and no conversation. Works in bounded batches until none is left.
 */
export async function sweepSilentVisitors(
  db: Kysely<DB>,
  retentionHours: number,
  now = new Date(),
): Promise<{ sessions: number; contacts: number }> {
  const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  let sessions = 0;
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from chat_sessions
       where (account_id, id) in (${silentSessions(db, cutoff)})`.execute(db);
    const count = Number(numAffectedRows ?? 0);
    sessions += count;
    if (count < BATCH) break;
  }
  let contacts = 0;
  for (;;) {
    const { numAffectedRows } = await sql`
      delete from contacts
       where (account_id, id) in (
         select c.account_id, c.id from contacts c
          where c.created_at < ${cutoff}
            and c.merged_into_id is null
            and exists (
              select 1 from identities i
               where i.account_id = c.account_id and i.contact_id = c.id
                 and i.kind = 'chat' and i.value like 'visitor:%')
            and not exists (
              select 1 from identities i
               where i.account_id = c.account_id and i.contact_id = c.id
                 and not (i.kind = 'chat' and i.value like 'visitor:%'))
            and not exists (
              select 1 from conversations v
               where v.account_id = c.account_id and v.contact_id = c.id)
            and not exists (
              select 1 from chat_sessions s
               where s.account_id = c.account_id and s.contact_id = c.id
                 and s.last_seen_at >= ${cutoff})
          limit ${BATCH}
       )`.execute(db);
    const count = Number(numAffectedRows ?? 0);
    contacts += count;
    if (count < BATCH) break;
  }
  return { sessions, contacts };
}
