import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/** Expired counters are swept by the next hit once they are this old. */
const SWEEP_AFTER = "1 day";

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
): Promise<{ hits: number; ttl: number }> {
  const hashed = createHash("sha256").update(key).digest("base64url");
  const result = await sql<{ hits: number; ttl: number }>`
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
