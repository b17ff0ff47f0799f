/**
 * Ingest benchmark: signed webhooks per second end to end (HTTP → verify → contact, conversation,
 * message, events in one transaction → 200), against the raw single-row INSERT rate of the same
 * database in the same run. The ratio says how much of the database's write capacity one
 * acknowledged customer message costs.
 *
 *   npx tsx bench/ingest.ts [--db pglite|postgres] [--messages 2000] [--concurrency 8]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { signPayload } from "../src/server/channels/api/signature.ts";
import { accountCreator } from "../src/server/commands/accountCreator.ts";
import { channelCreator } from "../src/server/commands/channelCreator.ts";
import { loadEnv } from "../src/server/env.ts";
import { startRelais } from "../src/server/runtime.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    messages: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
  },
});
const total = Number(values.messages);
const concurrency = Number(values.concurrency);

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test";
const benchDatabase = `relais_bench_${Date.now().toString(36)}`;

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(statement);
  await admin.end();
}

async function freshPostgres(): Promise<string> {
  await onServer(`create database "${benchDatabase}"`);
  return `postgres://postgres@127.0.0.1:5432/${benchDatabase}`;
}

/** Runs `work(i)` for i in [0, count) with `concurrency` in flight; returns seconds taken. */
async function timed(count: number, work: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        await work(index);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const env = loadEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  PORT: "0",
  HOST: "127.0.0.1",
  RELAIS_DATA: mkdtempSync(join(tmpdir(), "relais-bench-")),
  RELAIS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
  RELAIS_ROLES: "web",
  ...(values.db === "postgres" ? { DATABASE_URL: await freshPostgres() } : {}),
});
const relais = await startRelais(env);
const { db } = relais.services;
const account = await accountCreator(db, { slug: "bench", name: "Bench" });
const secret = "bench-secret-0123456789";
const channel = await channelCreator(db, relais.services.secrets, {
  accountId: account.id,
  kind: "api",
  name: "Bench",
  config: {},
  secrets: { secret },
});

// Warm up the route, the prepared plans and the JIT.
for (let index = 0; index < 50; index += 1) await post(`warm-${index}`, index);

async function post(id: string, index: number) {
  const body = JSON.stringify({
    message: { id, text: `Bonjour, ma commande ${index} n'est pas arrivée. Pouvez-vous m'aider ?` },
    contact: { id: `customer-${index % 500}`, name: `Client ${index % 500}` },
  });
  const response = await fetch(`${relais.url}/hooks/${channel.id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-relais-signature": signPayload(secret, body),
    },
    body,
  });
  if (response.status !== 200) throw new Error(`webhook ${id} answered ${response.status}`);
  await response.arrayBuffer();
}

const webhookSeconds = await timed(total, (index) => post(`m-${index}`, index));
const stored = await db
  .selectFrom("messages")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .where("account_id", "=", account.id)
  .executeTakeFirstOrThrow();

await sql`create table bench_raw (id bigint generated always as identity primary key, account_id uuid, body text, created_at timestamptz default now())`.execute(
  db,
);
const insertSeconds = await timed(total, async (index) => {
  await sql`insert into bench_raw (account_id, body) values (${account.id}, ${`row ${index}`})`.execute(
    db,
  );
});

const webhooksPerSecond = total / webhookSeconds;
const insertsPerSecond = total / insertSeconds;
const result = {
  database: relais.services.database.kind,
  messages: total,
  concurrency,
  storedMessages: Number(stored.n) - 50,
  webhooksPerSecond: Math.round(webhooksPerSecond),
  rawInsertsPerSecond: Math.round(insertsPerSecond),
  ratio: Number((webhooksPerSecond / insertsPerSecond).toFixed(3)),
  date: new Date().toISOString(),
};
await relais.stop();
if (values.db === "postgres")
  await onServer(`drop database if exists "${benchDatabase}" with (force)`);

console.log(
  `ingest on ${result.database}: ${result.webhooksPerSecond} signed webhooks/s end to end, ` +
    `${result.rawInsertsPerSecond} raw INSERTs/s, ratio ${result.ratio} ` +
    `(${total} messages, concurrency ${concurrency}, ${result.storedMessages} stored)`,
);
writeFileSync(
  join(import.meta.dirname, "results", `ingest-${result.database}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
if (result.storedMessages !== total) {
  console.error(`expected ${total} stored messages, found ${result.storedMessages}`);
  process.exitCode = 1;
}
