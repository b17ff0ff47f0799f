import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeServices, testServices } from "../../../test/support/relais.ts";
import { waitFor } from "../../../test/support/wait.ts";
import type { Services } from "../services.ts";
import { JobQueue, type TaskDefinition } from "./queue.ts";

describe("JobQueue", () => {
  let services: Services;
  let queue: JobQueue<Services>;
  const ran: number[] = [];
  const task: TaskDefinition<{ n: number }, Services> = {
    name: "test-batch",
    schema: z.object({ n: z.number().int() }),
    retryLimit: 1,
    retryDelaySeconds: 60,
    batchSize: 10,
    async run(_services, payload) {
      ran.push(payload.n);
      if (payload.n === 13) throw new Error("unlucky");
    },
  };

  beforeAll(async () => {
    services = await testServices();
    // Polling once a minute: only the NOTIFY and the worker's own eagerness can run the jobs.
    queue = new JobQueue<Services>({
      database: services.database,
      log: services.log,
      tasks: [task as TaskDefinition<unknown, Services>],
      pollMs: 60_000,
    });
    await queue.start();
    await queue.work(services);
  });
  afterAll(async () => {
    await queue?.stop();
    await closeServices(services);
  });

  async function states() {
    const { rows } = await sql<{ n: number; state: string }>`
      select (data->>'n')::int as n, state from pgboss.job where name = ${task.name}`.execute(
      services.db,
    );
    return new Map(rows.map((row) => [row.n, row.state]));
  }

  it("works through more jobs than one batch at once, failing only the job that failed", async () => {
    const jobs = Array.from({ length: 25 }, (_, n) => ({ name: task.name, payload: { n } }));
    await services.db.transaction().execute((trx) => queue.sendMany(trx, jobs));

    const settled = await waitFor(
      async () => {
        const now = await states();
        const done = [...now.values()].filter((state) => state !== "created" && state !== "active");
        return done.length === 25 ? now : null;
      },
      { timeoutMs: 20_000, message: "25 jobs run in batches of 10" },
    );
    expect([...ran].sort((a, b) => a - b)).toEqual(jobs.map((job) => job.payload.n));
    expect(settled.get(13)).toBe("retry");
    for (const [n, state] of settled) if (n !== 13) expect(state).toBe("completed");
  });

  it("enqueues nothing when the transaction that asked rolls back", async () => {
    await services.db
      .transaction()
      .execute(async (trx) => {
        await queue.sendMany(trx, [{ name: task.name, payload: { n: 100 } }]);
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect((await states()).has(100)).toBe(false);
  });
});
