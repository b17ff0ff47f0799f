import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { countHits } from "../models/rateLimits.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The route a child store counts for, as @fastify/rate-limit passes it (may be empty). */
interface RouteOptions {
  routeInfo?: { method?: unknown; url?: unknown };
}

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
      countHits(db, `${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, { current: result.hits, ttl: result.ttl }),
        (error: Error) => callback(error),
      );
    }

    child(options: object): DatabaseRateLimitStore {
      const route = (options as RouteOptions).routeInfo;
      return new DatabaseRateLimitStore(undefined, `${route?.method ?? ""} ${route?.url ?? ""}|`);
    }
  };
}
