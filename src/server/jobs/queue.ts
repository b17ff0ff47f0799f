import { CompiledQuery, type Kysely, sql } from "kysely";
import PgBoss from "pg-boss";
import type { z } from "zod";
import type { Database } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import type { Logger } from "../logger.ts";

export const JOBS_CHANNEL = "relais_jobs";

export interface JobInfo {
  id: string;
  retryCount: number;
  retryLimit: number;
}

/** A kind of durable work: its payload is checked by `schema`, its retry policy is its own. */
export interface TaskDefinition<Payload = unknown, Services = unknown> {
  name: string;
  schema: z.ZodType<Payload>;
  /** Retries after an unexpected error (a crash, a bug); expected failures are handled inside. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job running longer than this is considered lost and run again. */
  expireInSeconds?: number;
  /** "stately": at most one job per singleton key waiting and one running (pollers). */
  policy?: "standard" | "stately";
  /**
   * Jobs fetched (and completed) together, then run one after the other, each failing and
   * retrying alone: fewer round trips for many short jobs. A process that dies mid-batch runs
   * the whole batch again once it expires, so only for idempotent work. Default 1.
   */
  batchSize?: number;
  run(services: Services, payload: Payload, job: JobInfo): Promise<void>;
}

export interface SendOptions {
  /** Fixing the id lets the caller store it (a fencing token) in the same transaction. */
  id?: string;
  startAfter?: Date;
  singletonKey?: string;
  /** For stately queues: a job already waiting for this key is enough; say so with null. */
  allowDuplicate?: boolean;
}

/**
 * Durable jobs on pg-boss, in the same PostgreSQL (embedded or server) as the data.
 * Jobs are enqueued inside the caller's transaction, so a job exists if and only if the change
 * that asked for it was committed; the NOTIFY written alongside wakes the workers of every process.
 */
export class JobQueue<Services> {
  readonly #boss: PgBoss;
  readonly #tasks: ReadonlyMap<string, TaskDefinition<unknown, Services>>;
  readonly #workers = new Map<string, string>();
  readonly #log: Logger;
  readonly #database: Database;
  readonly #pollSeconds: number;
  readonly #expireCap: number | undefined;
  #unlisten?: () => Promise<void>;

  constructor(props: {
    database: Database;
    log: Logger;
    tasks: ReadonlyArray<TaskDefinition<unknown, Services>>;
    pollMs: number;
    maintenanceSeconds?: number;
    expireCapSeconds?: number;
  }) {
    this.#expireCap = props.expireCapSeconds;
    this.#database = props.database;
    this.#log = props.log.child({ component: "queue" });
    this.#pollSeconds = Math.max(0.5, props.pollMs / 1000);
    this.#tasks = new Map(props.tasks.map((task) => [task.name, task]));
    this.#boss = new PgBoss({
      db: { executeSql: (text, values) => props.database.executeSql(text, values) },
      schema: "pgboss",
      supervise: true,
      schedule: true,
      migrate: true,
      maintenanceIntervalSeconds: props.maintenanceSeconds ?? 60,
    });
    this.#boss.on("error", (error) => this.#log.error({ err: error }, "job queue error"));
  }

  /** Installs pg-boss's schema, declares every queue and the recurring ones (cron, UTC). */
  async start(schedules: ReadonlyArray<{ name: string; cron: string }> = []): Promise<void> {
    await this.#boss.start();
    for (const task of this.#tasks.values()) {
      const existing = await this.#boss.getQueue(task.name);
      const policy = {
        name: task.name,
        retryLimit: task.retryLimit,
        retryDelay: task.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: Math.min(
          task.expireInSeconds ?? 300,
          this.#expireCap ?? Number.POSITIVE_INFINITY,
        ),
        policy: task.policy ?? "standard",
      };
      if (existing) await this.#boss.updateQueue(task.name, policy);
      else await this.#boss.createQueue(task.name, policy);
    }
    for (const schedule of schedules) {
      await this.#boss.schedule(schedule.name, schedule.cron, {}, { tz: "UTC" });
    }
  }

  /** Starts a worker per task in this process. */
  async work(services: Services): Promise<void> {
    for (const task of this.#tasks.values()) {
      const batchSize = task.batchSize ?? 1;
      const workerId = await this.#boss.work<unknown>(
        task.name,
        { includeMetadata: true, batchSize, pollingIntervalSeconds: this.#pollSeconds },
        async (jobs) => {
          // A full batch: fetch again as soon as it is done rather than at the next poll, so a
          // burst (a thousand messages to triage) is worked through, not a batch per interval.
          // A smaller one emptied the queue: wait for the NOTIFY of the next job, or the poll.
          if (jobs.length === batchSize) this.wake(task.name);
          for (const job of jobs) {
            try {
              await this.#run(task, services, job);
            } catch (error) {
              // Alone, the job is failed by pg-boss. In a batch only the failing job is failed
              // (retried by its own policy); pg-boss completes the others, still active.
              if (jobs.length === 1) throw error;
              await this.#boss.fail(task.name, job.id, error as object);
            }
          }
        },
      );
      this.#workers.set(task.name, workerId);
    }
    this.#unlisten = await this.#database.listen(JOBS_CHANNEL, (name) => this.wake(name));
  }

  async #run(
    task: TaskDefinition<unknown, Services>,
    services: Services,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<void> {
    const log = this.#log.child({ task: task.name, jobId: job.id });
    const payload = task.schema.safeParse(job.data);
    if (!payload.success) {
      log.error({ issues: payload.error.issues }, "job payload rejected; dropping job");
      return;
    }
    try {
      await task.run(services, payload.data, {
        id: job.id,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      });
    } catch (error) {
      log.error({ err: error, retryCount: job.retryCount }, "job failed");
      throw error;
    }
  }

  /** Enqueues a job inside `executor`'s transaction. */
  async send(
    executor: Kysely<DB>,
    name: string,
    payload: unknown,
    options: SendOptions = {},
  ): Promise<string | null> {
    const task = this.#tasks.get(name);
    if (!task) throw new Error(`Unknown task ${name}`);
    const data = task.schema.parse(payload);
    const { allowDuplicate, ...sendOptions } = options;
    const id = await this.#boss.send(name, data as object, {
      ...sendOptions,
      db: executorDb(executor),
    });
    if (!id) {
      if (allowDuplicate) return null;
      throw new Error(`Job ${name} was not enqueued`);
    }
    await sql`select pg_notify(${JOBS_CHANNEL}, ${name})`.execute(executor);
    return id;
  }

  /**
   * Enqueues several jobs inside `executor`'s transaction in one statement, with one NOTIFY per
   * task named (the outbox relay hands a whole batch of events to the processors this way).
   * Only for tasks without a singleton key: every job given is created.
   */
  async sendMany(
    executor: Kysely<DB>,
    jobs: ReadonlyArray<{ name: string; payload: unknown }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    const inserts = jobs.map(({ name, payload }) => {
      const task = this.#tasks.get(name);
      if (!task) throw new Error(`Unknown task ${name}`);
      return { name, data: task.schema.parse(payload) as object };
    });
    await this.#boss.insert(inserts, { db: executorDb(executor) });
    const names = JSON.stringify([...new Set(jobs.map((job) => job.name))]);
    await sql`select pg_notify(${JOBS_CHANNEL}, name) from jsonb_array_elements_text(${names}::jsonb) as name`.execute(
      executor,
    );
  }

  /** Runs `name`'s worker now rather than at its next poll. */
  wake(name: string): void {
    const workerId = this.#workers.get(name);
    if (workerId) this.#boss.notifyWorker(workerId);
  }

  async schedule(name: string, cron: string, payload: object): Promise<void> {
    await this.#boss.schedule(name, cron, payload, { tz: "UTC" });
  }

  async getJob(name: string, id: string) {
    return this.#boss.getJobById(name, id);
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}

/** pg-boss's view of a Kysely executor, so that its SQL runs in the caller's transaction. */
function executorDb(executor: Kysely<DB>) {
  return {
    executeSql: async (text: string, values: unknown[]) =>
      executor.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: unknown[] }>,
  };
}
