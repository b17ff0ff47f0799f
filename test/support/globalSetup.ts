import { openDatabase } from "../../src/server/db/database.ts";
import { loadEnv } from "../../src/server/env.ts";
import { createLogger } from "../../src/server/logger.ts";
import { databaseUrl, withAdmin } from "./postgres.ts";
import { migrateTemplate } from "./template.ts";

/**
 * For the PostgreSQL project: one migrated template database per run; each test file then
 * copies it into a fresh database of its own. Everything the run created is dropped at the end.
 */
export default async function setup(project: {
  provide: (key: "postgresTemplate", value: string) => void;
}) {
  const run = `relais_t${Date.now().toString(36)}`;
  const template = `${run}_tpl`;
  await withAdmin((client) => client.query(`create database "${template}"`));
  const env = loadEnv({ LOG_LEVEL: "silent", NODE_ENV: "test" });
  const log = createLogger(env);
  const database = await openDatabase({ url: databaseUrl(template), log });
  try {
    await migrateTemplate(database, log);
  } finally {
    await database.close();
  }
  project.provide("postgresTemplate", template);

  return async () => {
    await withAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${run}%`],
      );
      for (const row of rows) {
        await client.query(`drop database if exists "${row.datname}" with (force)`);
      }
    });
  };
}
