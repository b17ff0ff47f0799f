import type { Kysely } from "kysely";
import type { SecretBox } from "./crypto/secrets.ts";
import type { Database } from "./db/database.ts";
import type { DB } from "./db/schema.ts";
import type { Env } from "./env.ts";
import type { LiveHub } from "./events/live.ts";
import type { JobQueue } from "./jobs/queue.ts";
import type { Logger } from "./logger.ts";

/**
 * What every route, command and job receives: settings, logger, database, secret box, job
 * queue and live hub. Passed explicitly; there is no container and no lookup by name.
 */
export interface Services {
  env: Env;
  log: Logger;
  database: Database;
  db: Kysely<DB>;
  /**
   * Reports and searches read here: DATABASE_READ_URL's replica when set (it may lag by a
   * moment), otherwise `db`. Nothing writes through it.
   */
  readDb: Kysely<DB>;
  secrets: SecretBox;
  queue: JobQueue<Services>;
  live: LiveHub;
}
