/**
 * twcs import rate: writes a file in the dataset's format (bench/twcsFile.ts), imports it into
 * a fresh account with the same code as `relais import twcs`, and prints tweets per second.
 * The real dataset (2.8 M tweets) is not on this machine: the file is generated.
 *
 *   npx tsx bench/twcs.ts [--db postgres|pglite] [--tweets 100000] [--again]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { accountCreator } from "../src/server/commands/accountCreator.ts";
import { loadEnv } from "../src/server/env.ts";
import { summaryLine, twcsImporter } from "../src/server/imports/twcs/importer.ts";
import { createServices } from "../src/server/runtime.ts";
import { writeTwcsFile } from "./twcsFile.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    tweets: { type: "string", default: "100000" },
    again: { type: "boolean", default: false },
  },
});
const ADMIN_URL = process.env.RELAIS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const name = `relais_bench_twcs_${Date.now().toString(36)}`;
async function onServer(statement: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(statement);
  await admin.end();
}

const dir = mkdtempSync(join(tmpdir(), "relais-twcs-"));
const file = join(dir, "twcs.csv");
const written = await writeTwcsFile(file, Number(values.tweets));
let databaseUrl: string | undefined;
if (values.db === "postgres") {
  await onServer(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}
const env = loadEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  RELAIS_DATA: dir,
  RELAIS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const services = await createServices(env);
try {
  const account = await accountCreator(services.db, { slug: "twcs-bench", name: "twcs bench" });
  const started = performance.now();
  const summary = await twcsImporter(services.db, { accountId: account.id, file });
  const seconds = (performance.now() - started) / 1000;
  const result: Record<string, unknown> = {
    db: values.db,
    tweets: written,
    seconds: Math.round(seconds * 100) / 100,
    tweetsPerSecond: Math.round(written / seconds),
    summary: summaryLine(summary),
  };
  if (values.again) {
    const again = performance.now();
    await twcsImporter(services.db, { accountId: account.id, file });
    result.reimportSeconds = Math.round((performance.now() - again) / 10) / 100;
  }
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(
    join(import.meta.dirname, `results/twcs-${values.db}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
} finally {
  await services.queue.stop().catch(() => {});
  await services.database.close();
  if (values.db === "postgres") await onServer(`drop database if exists "${name}" with (force)`);
  rmSync(dir, { recursive: true, force: true });
}
