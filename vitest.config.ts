import { defineConfig } from "vitest/config";

/**
 * Every test runs twice: on the embedded PGlite and on the PostgreSQL server (a fresh database
 * per test file, copied from a template migrated once per run).
 */
const shared = {
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  exclude: ["test/e2e/**", "node_modules/**"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 3,
    projects: [
      { test: { ...shared, name: "pglite", env: { RELAIS_TEST_DB: "pglite" } } },
      {
        test: {
          ...shared,
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
          globalSetup: ["test/e2e/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
