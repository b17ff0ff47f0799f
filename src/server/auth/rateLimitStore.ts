import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The route a child store counts for, as @fastify/rate-limit passes it (may be empty). */
interface RouteOptions {
  routeInfo?: { method?: unknown; url?: unknown };
}

/** Expired counters are swept by the next attempt once they are this old. */
const SWEEP_AFTER = "1 day";

/**
 * A store for @fastify/rate-limit that keeps its counters in the `rate_limits` table: every
 * process on one database shares them, and a restart does not hand an attacker a fresh quota.
 * One statement per attempt: start a window, or count within the current one.
 */
export function databaseRateLimitStore(db: Kysely<DB>) {
  return class DatabaseRateLimitStore {
    readonly prefix: string;

    constructor(_options?: unknown, prefix = "") {
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const hashed = createHash("sha256").update(`${this.prefix}${key}`).digest("base64url");
      sql<{ hits: number; ttl: number }>`
        with swept as (
          delete from rate_limits where resets_at < now() - ${SWEEP_AFTER}::interval
        )
        insert into rate_limits (key, hits, resets_at)
        values (${hashed}, 1, now() + ${timeWindow} * interval '1 millisecond')
        on conflict (key) do update set
          hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
          resets_at = case
            when rate_limits.resets_at <= now() then excluded.resets_at
            else rate_limits.resets_at
          end
        returning hits, ceil(extract(epoch from resets_at - now()) * 1000)::integer as ttl`
        .execute(db)
        .then(
          (result) => {
            const row = result.rows[0];
            if (!row) return callback(new Error("the rate-limit counter was not written"));
            callback(null, { current: row.hits, ttl: Math.max(0, row.ttl) });
          },
          (error: Error) => callback(error),
        );
    }

    child(options: object): DatabaseRateLimitStore {
      const route = (options as RouteOptions).routeInfo;
      return new DatabaseRateLimitStore(undefined, `${route?.method ?? ""} ${route?.url ?? ""}|`);
    }
  };
}
