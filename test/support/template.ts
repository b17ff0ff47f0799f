import { openAsBlob } from "node:fs";
import { inject } from "vitest";
import type { Database } from "../../src/server/db/database.ts";
import { migrateToLatest } from "../../src/server/db/migrate.ts";
import { JobQueue } from "../../src/server/jobs/queue.ts";
import { tasks } from "../../src/server/jobs/registry.ts";
import type { Logger } from "../../src/server/logger.ts";

/**
 * What every test database starts from: the schema migrated and pg-boss's own installed, as
 * `createServices` leaves them. Done once per run (in a global setup); each test file then copies
 * the result — PostgreSQL with `create database … template`, PGlite by loading a dump of it.
 */
export async function migrateTemplate(database: Database, log: Logger): Promise<void> {
  await migrateToLatest(database.db as never);
  const queue = new JobQueue({ database, log, tasks, pollMs: 1000 });
  await queue.start();
  await queue.stop();
}

let template: Promise<Blob> | undefined;

/**
 * The run's migrated PGlite database (a `dump()` written by `pgliteSetup.ts`), read lazily once
 * per test process; undefined where the project has no such setup, and then every database is
 * created and migrated as `relais serve` would.
 */
export function pgliteTemplate(): Promise<Blob> | undefined {
  const path = inject("pgliteTemplate");
  if (!path) return undefined;
  template ??= openAsBlob(path);
  return template;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate?: string;
    postgresTemplate: string;
  }
}
