import { type Processor, processorTaskName } from "../jobs/processor.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services.ts";

const BATCH = 200;

/**
 * The outbox relay: hands every committed event to the processors that declared it, as jobs
 * enqueued in the same transaction that marks the event published. Several processes may run it;
 * SKIP LOCKED gives each event to one of them.
 */
export class OutboxRelay {
  readonly #services: Services;
  readonly #processors: readonly Processor[];
  readonly #log: Logger;
  #timer?: NodeJS.Timeout;
  #running?: Promise<void>;
  #again = false;
  #stopped = false;
  #unsubscribe?: () => void;

  constructor(services: Services, processors: readonly Processor[]) {
    this.#services = services;
    this.#processors = processors;
    this.#log = services.log.child({ component: "relay" });
  }

  start(): void {
    this.#stopped = false;
    this.#unsubscribe = this.#services.live.onEvent(() => this.kick());
    this.#timer = setInterval(() => this.kick(), this.#services.env.RELAIS_POLL_MS);
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    await this.#running;
  }

  /** Runs the relay now, or once more right after the current run. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .then(() => undefined)
      .catch((error) => this.#log.error({ err: error }, "outbox relay failed"))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Publishes until nothing is left; returns how many events were published. */
  async #drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.publishBatch();
      total += count;
      if (count < BATCH || this.#stopped) return total;
    }
  }

  async publishBatch(): Promise<number> {
    const { db, queue } = this.#services;
    return db.transaction().execute(async (trx) => {
      const events = await trx
        .selectFrom("events")
        .select(["account_id", "id", "name"])
        .where("published_at", "is", null)
        .orderBy("id")
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (events.length === 0) return 0;
      for (const event of events) {
        for (const processor of this.#processors) {
          if (!processor.events.includes(event.name as Processor["events"][number])) continue;
          await queue.send(trx, processorTaskName(processor), {
            accountId: event.account_id,
            eventId: event.id,
          });
        }
      }
      await trx
        .updateTable("events")
        .set({ published_at: new Date() })
        .where(
          "id",
          "in",
          events.map((event) => event.id),
        )
        .where("published_at", "is", null)
        .execute();
      return events.length;
    });
  }
}
