import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { buildApp } from "./app.ts";
import { receivers } from "./channels/receivers.ts";
import { createSecretBox, resolveSecretKey } from "./crypto/secrets.ts";
import { secureDataFolder } from "./dataFolder.ts";
import { type Database, openDatabase, type QueryObserver } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { type Env, hasRole } from "./env.ts";
import { LiveHub } from "./events/live.ts";
import { OutboxRelay } from "./events/relay.ts";
import { JobQueue } from "./jobs/queue.ts";
import { processors, schedules, tasks } from "./jobs/registry.ts";
import { ensurePollersTask } from "./jobs/tasks/ensurePollers.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { Services } from "./services.ts";

/**
 * Several processes starting at once on one PostgreSQL take turns to migrate and declare
 * queues (their DDL would otherwise deadlock). PGlite has one process by construction.
 */
async function withStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.kind !== "postgres") return work();
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(connection);
    }
  });
}

const STARTUP_LOCK = 7_310_001;

/** Opens the database, brings the schema up to date and prepares the job queue. */
export async function createServices(
  env: Env,
  log: Logger = createLogger(env),
  options: { inMemory?: boolean; onQuery?: QueryObserver; template?: Blob } = {},
): Promise<Services> {
  const dataDir = resolve(env.RELAIS_DATA);
  secureDataFolder(dataDir);
  const database = await openDatabase({
    url: env.DATABASE_URL,
    readUrl: env.DATABASE_READ_URL,
    dataDir: env.DATABASE_URL || options.inMemory ? undefined : join(dataDir, "db"),
    log,
    onQuery: options.onQuery,
    template: options.template,
  });
  try {
    await withStartupLock(database, () => migrateToLatest(database.db as never));
    const secrets = createSecretBox(resolveSecretKey(env.RELAIS_SECRET_KEY, dataDir));
    const live = new LiveHub(log);
    const services = {
      env,
      log,
      database,
      db: database.db,
      readDb: database.readDb,
      secrets,
      live,
    } as Omit<Services, "queue"> & Partial<Pick<Services, "queue">>;
    services.queue = new JobQueue<Services>({
      database,
      log,
      tasks,
      pollMs: env.RELAIS_POLL_MS,
      maintenanceSeconds: env.RELAIS_JOB_MAINTENANCE_SECONDS,
      expireCapSeconds: env.RELAIS_JOB_EXPIRE_SECONDS,
    });
    const queue = services.queue;
    await withStartupLock(database, () => queue.start(schedules));
    return services as Services;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface RunningRelais {
  services: Services;
  app: FastifyInstance | null;
  url: string | null;
  stop(): Promise<void>;
}

/** The lock that tells the CLI a server holds the embedded database (and how to reach it). */
export interface ServerLock {
  pid: number;
  port: number;
  adminToken: string;
}

export function serverLockPath(env: Env): string {
  return join(resolve(env.RELAIS_DATA), "server.json");
}

/** The running server that holds this data folder, if any (its lock names a live process). */
export function runningServer(env: Env): ServerLock | null {
  if (env.DATABASE_URL) return null;
  try {
    const lock = JSON.parse(readFileSync(serverLockPath(env), "utf8")) as ServerLock;
    process.kill(lock.pid, 0);
    return lock.pid === process.pid ? null : lock;
  } catch {
    return null;
  }
}

/** The embedded database allows one process per folder: a second server must not open it. */
function refuseSharedDataFolder(env: Env): void {
  const other = runningServer(env);
  if (!other) return;
  throw new Error(
    `Another Relais server (pid ${other.pid}, port ${other.port}) is using ${resolve(env.RELAIS_DATA)}. ` +
      "Stop it, or share a PostgreSQL server with DATABASE_URL to run several.",
  );
}

/** Starts the roles this process plays: the web server, the worker, or both. */
export async function startRelais(
  env: Env,
  options: {
    webRoot?: string;
    log?: Logger;
    inMemory?: boolean;
    onQuery?: QueryObserver;
    /** PGlite: start from this copy of a migrated database (tests; see openDatabase). */
    template?: Blob;
  } = {},
): Promise<RunningRelais> {
  const log = options.log ?? createLogger(env);
  if (!env.DATABASE_URL && !options.inMemory) refuseSharedDataFolder(env);
  const services = await createServices(env, log, {
    inMemory: options.inMemory,
    onQuery: options.onQuery,
    template: options.template,
  });
  const relay = new OutboxRelay(services, processors);
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  let lockWritten = false;

  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    if (lockWritten) rmSync(serverLockPath(env), { force: true });
    for (const stopReceiver of stoppers) await stopReceiver().catch(() => {});
    await relay.stop();
    await app?.close();
    await services.queue.stop().catch((error) => log.warn({ err: error }, "queue stop failed"));
    await services.live.stop();
    await services.database.close();
  };

  try {
    await services.live.start(services.database);
    if (hasRole(env, "worker")) {
      await services.queue.work(services);
      await services.queue.send(services.db, ensurePollersTask.name, {});
      relay.start();
      for (const receiver of receivers) {
        const started = await receiver.start(services);
        stoppers.push(() => started.stop());
      }
    }
    if (hasRole(env, "web")) {
      const adminToken = randomBytes(24).toString("base64url");
      app = await buildApp(services, { webRoot: options.webRoot, adminToken });
      url = await app.listen({ port: env.PORT, host: env.HOST });
      const port = (app.server.address() as { port: number }).port;
      if (!env.DATABASE_URL) {
        const lock: ServerLock = { pid: process.pid, port, adminToken };
        writeFileSync(serverLockPath(env), JSON.stringify(lock), { mode: 0o600 });
        lockWritten = true;
      }
      url = `http://127.0.0.1:${port}`;
      // A random port (PORT=0) is only known now; webhook URLs must name the real one.
      if (env.PORT === 0 && !env.RELAIS_PUBLIC_URL)
        env.RELAIS_PUBLIC_URL = `http://localhost:${port}`;
    }
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  log.info({ url, database: services.database.kind, roles: env.RELAIS_ROLES }, "Relais started");
  return { services, app, url, stop };
}
