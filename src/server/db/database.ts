import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, type KyselyConfig, PostgresDialect } from "kysely";
import pg from "pg";
import type { Logger } from "../logger.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { DB } from "./schema.ts";

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** The database with what Relais needs beyond queries: raw SQL for the job queue, and LISTEN. */
export interface Database {
  db: Kysely<DB>;
  /**
   * Where reports and searches read: a read replica when DATABASE_READ_URL names one (it may lag
   * the primary by a moment), otherwise `db` itself. Never written to.
   */
  readDb: Kysely<DB>;
  kind: "pglite" | "postgres";
  /** Raw SQL outside any transaction (multi-statement when there are no values). */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /** Calls `onPayload` for every NOTIFY on `channel`, from any process. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole database as a tarball of its data folder, to start others from. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent, PGlite is used. */
  url?: string;
  /** PostgreSQL only: a read replica of `url` for reports and searches (`readDb`). */
  readUrl?: string;
  /** The PGlite data folder; `memory://` (or absent) keeps everything in memory. */
  dataDir?: string;
  /**
   * PGlite only: start from this copy of a database (a `dump()`) instead of an empty one. Tests
   * load one migrated database rather than creating and migrating one each (seconds each).
   */
  template?: Blob;
  log?: Logger;
  /** Told of every statement run (benchmarks count and time them); nothing when absent. */
  onQuery?: QueryObserver;
}

/** One statement that ran: its SQL text and how long it took. */
export type QueryObserver = (query: { sql: string; durationMs: number }) => void;

const INT8 = 20;
const NUMERIC = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.onQuery, options.log, options.readUrl)
    : await openPGlite(options.dataDir, options.onQuery, options.template);
  return quietAfterClose(database, options.log);
}

function kyselyLog(onQuery?: QueryObserver): KyselyConfig["log"] {
  if (!onQuery) return undefined;
  return (event) => onQuery({ sql: event.query.sql, durationMs: event.queryDurationMillis });
}

/** Runs one raw statement and, when observed, tells how long it took. */
async function timed<T>(text: string, onQuery: QueryObserver | undefined, run: () => Promise<T>) {
  if (!onQuery) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    onQuery({ sql: text, durationMs: performance.now() - started });
  }
}

/**
 * A job that outlives the queue's graceful stop may still try to record its outcome once the
 * database is closed. That write is dropped: the job stays active in the queue, expires and runs
 * again (every task is idempotent), exactly as if the process had been killed. The answer is the
 * one of a statement that touched nothing: no rows, and a count of zero for pg-boss's commands
 * (complete, fail, cancel…) that report how many jobs they affected.
 */
function quietAfterClose(database: Database, log?: Logger): Database {
  let closed = false;
  const nothing = (text: string) => ({
    rows: /select count\(\*\)/i.test(text) ? [{ count: 0 }] : [],
  });
  return {
    ...database,
    executeSql: async (text, values) => {
      if (closed) return nothing(text);
      try {
        return await database.executeSql(text, values);
      } catch (error) {
        if (!closed) throw error;
        log?.debug({ err: error }, "queue write after close dropped");
        return nothing(text);
      }
    },
    close: async () => {
      closed = true;
      await database.close();
    },
  };
}

/** Data folders this process holds open: PGlite allows one instance per folder. */
const openFolders = new Set<string>();

async function openPGlite(
  dataDir?: string,
  onQuery?: QueryObserver,
  template?: Blob,
): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith("memory://");
  const folder = inMemory ? null : resolve(dataDir);
  if (folder) {
    // A second instance on the same files would silently lose one side's writes.
    if (openFolders.has(folder)) throw new Error(`the database in ${folder} is already open`);
    mkdirSync(folder, { recursive: true });
    openFolders.add(folder);
  }
  const pglite = await PGlite.create({
    dataDir: folder ?? undefined,
    loadDataDir: template,
    extensions: { unaccent, pg_trgm, btree_gin },
    parsers: { [INT8]: Number, [NUMERIC]: Number },
  }).catch((error: unknown) => {
    if (folder) openFolders.delete(folder);
    throw error;
  });
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<DB>({ dialect, log: kyselyLog(onQuery) });

  return {
    db,
    readDb: db,
    kind: "pglite",
    executeSql: (text, values) =>
      dialect.exclusive((client) =>
        timed(text, onQuery, async () => {
          if (values && values.length > 0) {
            const result = await client.query<Record<string, unknown>>(text, values);
            return { rows: result.rows };
          }
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }),
      ),
    listen: async (channel, onPayload) => {
      const unlisten = await pglite.listen(channel, onPayload);
      return () => unlisten();
    },
    dump: () => pglite.dumpDataDir("none"),
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        if (folder) openFolders.delete(folder);
      }
    },
  };
}

async function openPostgres(
  url: string,
  onQuery: QueryObserver | undefined,
  log?: Logger,
  readUrl?: string,
): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  pool.on("error", (error) => log?.error({ err: error }, "idle database connection failed"));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: kyselyLog(onQuery) });
  const readDb = readUrl ? replica(readUrl, types, onQuery, log) : db;
  const listeners: pg.Client[] = [];

  return {
    db,
    readDb,
    kind: "postgres",
    executeSql: async (text, values) => {
      const result = await timed(text, onQuery, () =>
        pool.query(text, values && values.length > 0 ? values : undefined),
      );
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    listen: async (channel, onPayload) => {
      let stopped = false;
      let client: pg.Client | undefined;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: url, types });
        next.on("notification", (message) => {
          if (message.channel === channel && message.payload !== undefined) {
            onPayload(message.payload);
          }
        });
        next.on("error", (error) => {
          log?.warn({ err: error, channel }, "listen connection lost; reconnecting");
          next.end().catch(() => {});
          if (!stopped) setTimeout(() => void connect().catch(() => {}), 500);
        });
        await next.connect();
        await next.query(`listen ${pg.escapeIdentifier(channel)}`);
        client = next;
        listeners.push(next);
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end();
      };
    },
    close: async () => {
      await Promise.all(listeners.map((client) => client.end().catch(() => {})));
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
    },
  };
}

/**
 * The read replica's own pool: its sessions are read-only (`default_transaction_read_only`), so
 * a write sent there by mistake fails loudly instead of going where the primary never sees it.
 */
function replica(
  url: string,
  types: pg.CustomTypesConfig,
  onQuery: QueryObserver | undefined,
  log?: Logger,
): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types,
    options: "-c default_transaction_read_only=on",
  });
  pool.on("error", (error) => log?.error({ err: error }, "idle read replica connection failed"));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: kyselyLog(onQuery) });
}
