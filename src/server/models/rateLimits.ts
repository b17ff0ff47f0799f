import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/** Expired counters are swept by the next hit once they are this old. */
const SWEEP_AFTER = "1 day";

export interface Counter {
  hits: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/** Keys are stored hashed: the table never holds an email or an address. */
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/**
 * Adds `amount` to the counter named `key` within its current window (starting a new window of
 * `windowMs` when the last one is over) and returns the total and the milliseconds left. The key
 * is hashed, so the table holds no address or email. One statement, shared by every process.
 */
export async function countHits(
  db: Kysely<DB>,
  key: string,
  windowMs: number,
  amount = 1,
): Promise<Counter> {
  const hashed = hashKey(key);
  const result = await sql<Counter>`
    with swept as (
      delete from rate_limits where resets_at < now() - ${SWEEP_AFTER}::interval
    )
    insert into rate_limits (key, hits, resets_at)
    values (${hashed}, ${amount}, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when rate_limits.resets_at <= now() then excluded.hits
                  else rate_limits.hits + excluded.hits end,
      resets_at = case
        when rate_limits.resets_at <= now() then excluded.resets_at
        else rate_limits.resets_at
      end
    returning hits, ceil(extract(epoch from resets_at - now()) * 1000)::integer as ttl`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("the rate-limit counter was not written");
  return { hits: row.hits, ttl: Math.max(0, row.ttl) };
}

/** Counts one hit (see countHits). */
export function countHit(db: Kysely<DB>, key: string, windowMs: number): Promise<Counter> {
  return countHits(db, key, windowMs, 1);
}

/** The hits counted in the current window of `key` (0 when none or expired). */
export async function currentHits(db: Kysely<DB>, key: string): Promise<Counter> {
  const result = await sql<Counter>`
    select hits, ceil(extract(epoch from resets_at - now()) * 1000)::integer as ttl
    from rate_limits where key = ${hashKey(key)} and resets_at > now()`.execute(db);
  const row = result.rows[0];
  return row ? { hits: row.hits, ttl: Math.max(0, row.ttl) } : { hits: 0, ttl: 0 };
}
