/**
 * Ingest benchmark: signed webhooks per second end to end (HTTP → verify → contact, conversation,
 * message, events in one transaction → 200), against the raw single-row INSERT rate of the same
 * database in the same run. The ratio says how much of the database's write capacity one
 * acknowledged customer message costs.
 *
 * Every statement is counted (and timed) through the database's `onQuery`: the result says how
 * many one message costs, and `--profile` prints them by query shape. `--worker` also runs the
 * job workers (outbox relay, triage, automation, routing…) and waits until every message has
 * been processed, counting what the processors cost per message too.
 *
 *   npx tsx bench/ingest.ts [--db pglite|postgres] [--messages 2000] [--concurrency 8]
 *                           [--profile] [--worker]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import { StatementCounter } from "./statements.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    messages: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
    profile: { type: "boolean", default: false },
    worker: { type: "boolean", default: false },
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

const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-"));
const env = loadEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  PORT: "0",
  HOST: "127.0.0.1",
  RELAIS_DATA: dataDir,
  RELAIS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
  RELAIS_ROLES: values.worker ? "web,worker" : "web",
  RELAIS_POLL_MS: "200",
  ...(values.db === "postgres" ? { DATABASE_URL: await freshPostgres() } : {}),
});
const statements = new StatementCounter();
const relais = await startRelais(env, { onQuery: statements.observe });
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
statements.enter("warm-up");
for (let index = 0; index < 50; index += 1) await post(`warm-${index}`, index);
if (values.worker) await drained();

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

/** Waits until the outbox is published and no processor job is waiting or running. */
async function drained(): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ events: number; jobs: number }>`
      select (select count(*) from events where published_at is null)::int as events,
             (select count(*) from pgboss.job
               where name like 'process-%' and state in ('created', 'retry', 'active'))::int as jobs`.execute(
      db,
    );
    if (rows[0]?.events === 0 && rows[0]?.jobs === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

statements.enter("webhooks");
const cpuBefore = process.cpuUsage();
const webhookSeconds = await timed(total, (index) => post(`m-${index}`, index));
// This process's CPU (HTTP client and server, and PGlite itself when embedded) per message:
// steadier than the rate on a machine shared with other work.
const cpu = process.cpuUsage(cpuBefore);
statements.enter("processing");
const processingStarted = performance.now();
if (values.worker) await drained();
const processingSeconds = (performance.now() - processingStarted) / 1000;
statements.enter("check");
const stored = await db
  .selectFrom("messages")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .where("account_id", "=", account.id)
  .executeTakeFirstOrThrow();

await sql`create table bench_raw (id bigint generated always as identity primary key, account_id uuid, body text, created_at timestamptz default now())`.execute(
  db,
);
statements.enter("raw inserts");
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
  processCpuMsPerMessage: Number(((cpu.user + cpu.system) / 1000 / total).toFixed(2)),
  // With the workers running, their statements mix with the webhooks': only the total is told.
  ...(values.worker
    ? {}
    : { statementsPerMessage: Number((statements.count("webhooks") / total).toFixed(2)) }),
  ...(values.worker
    ? {
        worker: true,
        processedPerSecond: Math.round(total / (webhookSeconds + processingSeconds)),
        statementsPerMessageWithJobs: Number(
          ((statements.count("webhooks") + statements.count("processing")) / total).toFixed(2),
        ),
      }
    : {}),
  date: new Date().toISOString(),
};
await relais.stop();
rmSync(dataDir, { recursive: true, force: true });
if (values.db === "postgres")
  await onServer(`drop database if exists "${benchDatabase}" with (force)`);

console.log(
  `ingest on ${result.database}: ${result.webhooksPerSecond} signed webhooks/s end to end, ` +
    `${result.rawInsertsPerSecond} raw INSERTs/s, ratio ${result.ratio} ` +
    `(${total} messages, concurrency ${concurrency}, ${result.storedMessages} stored)` +
    (values.worker ? "" : `, ${result.statementsPerMessage} statements per message`) +
    `, ${result.processCpuMsPerMessage} ms of this process's CPU per message`,
);
if (values.worker) {
  console.log(
    `with the job workers: ${result.processedPerSecond} messages/s fully processed, ` +
      `${result.statementsPerMessageWithJobs} statements per message including the jobs'`,
  );
}
if (values.profile) {
  console.log(statements.report("webhooks", total));
  if (values.worker) console.log(statements.report("processing", total));
}
writeFileSync(
  join(
    import.meta.dirname,
    "results",
    `ingest-${result.database}${values.worker ? "-worker" : ""}.json`,
  ),
  `${JSON.stringify(result, null, 2)}\n`,
);
if (result.storedMessages !== total) {
  console.error(`expected ${total} stored messages, found ${result.storedMessages}`);
  process.exitCode = 1;
}
