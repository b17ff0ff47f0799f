import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/server/db/migrations/index.ts";
import type { Services } from "../../src/server/services.ts";
// The path names `support/relais.ts` so that vitest.config.ts runs this file on both databases.
import { closeServices, testDatabase, testServices } from "../support/relais.ts";

/** Starting the fresh database runs initdb and every migration: slow on a busy machine. */
const FRESH_MS = 180_000;

const SCHEMAS = sql`('public', 'pgboss')`;

/**
 * Everything the migrations and pg-boss define, as sorted text: tables and columns, constraints,
 * indexes, triggers, functions, enums, views, sequences, extensions, the migrations recorded,
 * and pg-boss's version and queues.
 */
async function catalogue(services: Services): Promise<Record<string, string[]>> {
  const lines = async (query: ReturnType<typeof sql<{ line: string }>>) =>
    (await query.execute(services.db)).rows.map((row) => row.line).sort();
  return {
    columns: await lines(sql`
      select concat_ws(' ', table_schema, table_name, column_name, data_type, udt_name,
        is_nullable, column_default, character_maximum_length) as line
      from information_schema.columns where table_schema in ${SCHEMAS}`),
    constraints: await lines(sql`
      select concat_ws(' ', n.nspname, c.conrelid::regclass::text, c.conname,
        pg_get_constraintdef(c.oid)) as line
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname in ${SCHEMAS}`),
    indexes: await lines(sql`
      select concat_ws(' ', schemaname, tablename, indexname, indexdef) as line
      from pg_indexes where schemaname in ${SCHEMAS}`),
    triggers: await lines(sql`
      select concat_ws(' ', t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid)) as line
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      where not t.tgisinternal and n.nspname in ${SCHEMAS}`),
    functions: await lines(sql`
      select concat_ws(' ', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
        md5(pg_get_functiondef(p.oid))) as line
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ${SCHEMAS} and p.prokind in ('f', 'p')`),
    enums: await lines(sql`
      select concat_ws(' ', n.nspname, t.typname, e.enumsortorder, e.enumlabel) as line
      from pg_enum e join pg_type t on t.oid = e.enumtypid
      join pg_namespace n on n.oid = t.typnamespace`),
    views: await lines(sql`
      select concat_ws(' ', schemaname, viewname, md5(definition)) as line
      from pg_views where schemaname in ${SCHEMAS}`),
    sequences: await lines(sql`
      select concat_ws(' ', sequence_schema, sequence_name, data_type, increment) as line
      from information_schema.sequences where sequence_schema in ${SCHEMAS}`),
    extensions: await lines(sql`select extname as line from pg_extension`),
    migrations: await lines(sql`select name as line from relais_migrations`),
    queues: await lines(sql`
      select concat_ws(' ', v.version, q.name, q.policy, q.retry_limit, q.retry_delay,
        q.retry_backoff, q.expire_seconds, q.partition_name) as line
      from pgboss.queue q cross join pgboss.version v`),
  };
}

describe(`the run's migrated template (${testDatabase()})`, () => {
  it(
    "is the schema a fresh, empty database migrates to, so that it can hide no migration",
    async () => {
      const fresh = await testServices({}, { fresh: true });
      const copy = await testServices();
      try {
        const [expected, actual] = [await catalogue(fresh), await catalogue(copy)];
        expect(expected.migrations).toEqual(migrations.map((migration) => migration.name).sort());
        expect(
          (expected.columns ?? []).some((line) => line.startsWith("public conversations id ")),
        ).toBe(true);
        expect(expected.queues?.length).toBeGreaterThan(0);
        expect(actual).toEqual(expected);
      } finally {
        await closeServices(copy);
        await closeServices(fresh);
      }
    },
    FRESH_MS,
  );
});
