import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { type Env, loadEnv } from "../../src/server/env.ts";
import { createServices, type RunningRelais, startRelais } from "../../src/server/runtime.ts";
import type { Services } from "../../src/server/services.ts";
import { createDatabaseFromTemplate, createEmptyDatabase } from "./postgres.ts";
import { pgliteTemplate } from "./template.ts";

export type TestDatabase = "pglite" | "postgres";

/** Which database this test project runs on (set per Vitest project). */
export function testDatabase(): TestDatabase {
  const name = process.env.RELAIS_TEST_DB;
  if (name === "none") {
    throw new Error(
      "this test runs in the `unit` project, which has no database: import the database support (test/support/relais.ts or useRelais.ts) in the test file itself so that it runs on PGlite and PostgreSQL",
    );
  }
  return name === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabaseOptions {
  /**
   * A database created and migrated here, as on a first `relais serve`, rather than a copy of the
   * run's migrated template: only for tests of the template itself (it costs seconds).
   */
  fresh?: boolean;
}

/** Settings for tests: quiet, fast retries, a temporary data folder, and the project's database. */
export async function testEnv(
  overrides: Record<string, string> = {},
  options: TestDatabaseOptions = {},
): Promise<Env> {
  const base: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: process.env.RELAIS_TEST_LOG ?? "silent",
    PORT: "0",
    HOST: "127.0.0.1",
    RELAIS_DATA: mkdtempSync(join(tmpdir(), "relais-test-")),
    RELAIS_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
    RELAIS_RETRY_BASE_MS: "50",
    RELAIS_RETRY_MAX_MS: "500",
    RELAIS_POLL_MS: "200",
    RELAIS_HTTP_TIMEOUT_MS: "3000",
    RELAIS_SMTP_PORT: "0",
    // Provider fakes listen on loopback.
    RELAIS_OUTBOUND_ALLOW_PRIVATE: "true",
  };
  if (testDatabase() === "postgres" && !overrides.DATABASE_URL) {
    const template = inject("postgresTemplate");
    base.DATABASE_URL = options.fresh
      ? await createEmptyDatabase(template)
      : await createDatabaseFromTemplate(template);
  }
  return loadEnv({ ...base, ...overrides });
}

/** Database, queue and secrets without HTTP or workers: for commands and models. */
export async function testServices(
  overrides: Record<string, string> = {},
  options: TestDatabaseOptions = {},
): Promise<Services> {
  const env = await testEnv(overrides, options);
  const template = options.fresh ? undefined : await pgliteTemplate();
  return createServices(env, undefined, { inMemory: true, template });
}

export async function closeServices(services: Services): Promise<void> {
  await services.queue.stop().catch(() => {});
  await services.database.close();
}

/** A whole Relais (web + worker) on a free port; with `webRoot`, it serves the built web app. */
export async function startTestRelais(
  overrides: Record<string, string> = {},
  options: { webRoot?: string } = {},
): Promise<RunningRelais & { url: string }> {
  const env = await testEnv(overrides);
  const relais = await startRelais(env, {
    inMemory: true,
    webRoot: options.webRoot,
    template: await pgliteTemplate(),
  });
  if (!relais.url) throw new Error("the test server has no URL");
  return relais as RunningRelais & { url: string };
}
