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
 * Counts one hit in the `rate_limits` table, shared by every process on the database: starts a
 * window of `windowMs`, or counts within the current one. One statement.
 */
export async function countHit(db: Kysely<DB>, key: string, windowMs: number): Promise<Counter> {
  const result = await sql<Counter>`
    with swept as (
      delete from rate_limits where resets_at < now() - ${SWEEP_AFTER}::interval
    )
    insert into rate_limits (key, hits, resets_at)
    values (${hashKey(key)}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
      resets_at = case
        when rate_limits.resets_at <= now() then excluded.resets_at
        else rate_limits.resets_at
      end
    returning hits, ceil(extract(epoch from resets_at - now()) * 1000)::integer as ttl`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("the rate-limit counter was not written");
  return { hits: row.hits, ttl: Math.max(0, row.ttl) };
}

/** The hits counted in the current window of `key` (0 when none or expired). */
export async function currentHits(db: Kysely<DB>, key: string): Promise<Counter> {
  const result = await sql<Counter>`
    select hits, ceil(extract(epoch from resets_at - now()) * 1000)::integer as ttl
    from rate_limits where key = ${hashKey(key)} and resets_at > now()`.execute(db);
  const row = result.rows[0];
  return row ? { hits: row.hits, ttl: Math.max(0, row.ttl) } : { hits: 0, ttl: 0 };
}
