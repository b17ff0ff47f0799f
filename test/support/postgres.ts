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

/** A new, empty database copied from the run's migrated template. */
export async function createDatabaseFromTemplate(template: string): Promise<string> {
  const name = `${template.replace(/_tpl$/, "")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((client) => client.query(`create database "${name}" template "${template}"`));
  return databaseUrl(name);
}
