import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import { migrations } from "./migrations/index.ts";

/** A migration is a named list of plain SQL statements, run in order inside one transaction. */
export interface Migration {
  name: string;
  statements: readonly string[];
}

export function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    migrationTableName: "relais_migrations",
    migrationLockTableName: "relais_migrations_lock",
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          migrations.map((migration) => [
            migration.name,
            {
              async up(trx: Kysely<unknown>) {
                for (const statement of migration.statements) {
                  await sql.raw(statement).execute(trx);
                }
              },
            },
          ]),
        );
      },
    },
  });
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const result: MigrationResultSet = await createMigrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === "Error");
    const where = failed ? ` (in ${failed.migrationName})` : "";
    throw new Error(`Database migration failed${where}`, { cause: result.error });
  }
  return (result.results ?? []).map((entry) => entry.migrationName);
}
