import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Tests that use the database run twice: on the embedded PGlite and on the PostgreSQL server; on
 * both, each test database is a copy of one migrated once per run (`test/support/template.ts`). Tests that touch
 * no database (triage, parsers, OAuth, the web app's helpers…) run once, in the `unit` project.
 *
 * A test file uses the database when it imports the test database support (`relais.ts`,
 * `useRelais.ts` or `socialHarness.ts` in `test/support/`); nothing to list by hand. In the `unit` project the support
 * refuses to open a database, so a file put there by mistake fails rather than passing unchecked.
 */
const databaseSupport = /from\s+["'][^"']*\/support\/(relais|useRelais|socialHarness)\.ts["']/;

function testFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((path) => join(folder, path))
    .filter((path) => path.endsWith(".test.ts") && !path.startsWith(join("test", "e2e")));
}

const unitFiles = ["src", "test", "scripts"]
  .flatMap(testFiles)
  .filter((path) => !databaseSupport.test(readFileSync(path, "utf8")))
  .sort();

const setupFiles = ["test/support/setup.ts"];

const database = {
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  exclude: ["test/e2e/**", "node_modules/**", ...unitFiles],
  setupFiles,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "unit",
          include: unitFiles,
          setupFiles,
          env: { RELAIS_TEST_DB: "none" },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          ...database,
          name: "pglite",
          env: { RELAIS_TEST_DB: "pglite" },
          globalSetup: ["test/support/pgliteSetup.ts"],
        },
      },
      {
        test: {
          ...database,
          name: "postgres",
          env: { RELAIS_TEST_DB: "postgres" },
          globalSetup: ["test/support/globalSetup.ts"],
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/e2e/**/*.test.ts"],
          env: { RELAIS_TEST_DB: "pglite" },
          globalSetup: ["test/e2e/globalSetup.ts", "test/support/pgliteSetup.ts"],
          setupFiles,
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
