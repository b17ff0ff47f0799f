import pg from "pg";

/** The machine's PostgreSQL server, on which each test run gets fresh databases. */
export const ADMIN_URL =
  process.env.RELAIS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from the run's migrated template (dropped with the run's). */
export async function createDatabaseFromTemplate(template: string): Promise<string> {
  const name = runDatabaseName(template);
  await withAdmin((client) => client.query(`create database "${name}" template "${template}"`));
  return databaseUrl(name);
}

/** A new database, empty, not migrated (dropped with the run's). */
export async function createEmptyDatabase(template: string): Promise<string> {
  const name = runDatabaseName(template);
  await withAdmin((client) => client.query(`create database "${name}"`));
  return databaseUrl(name);
}

function runDatabaseName(template: string): string {
  return `${template.replace(/_tpl$/, "")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
