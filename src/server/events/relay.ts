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
      // Every event committed before this select is seen by it: the kicks that came before (the
      // NOTIFYs of one commit come several at once) need no run of their own.
      this.#again = false;
      const events = await trx
        .selectFrom("events")
        .select(["account_id", "id", "name", "payload", "actor_user_id"])
        .where("published_at", "is", null)
        .orderBy("id")
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (events.length === 0) return 0;
      // Every job of the batch in one statement (and one NOTIFY per processor woken).
      await queue.sendMany(
        trx,
        events.flatMap((event) =>
          this.#processors
            .filter((processor) =>
              processor.events.includes(event.name as Processor["events"][number]),
            )
            .map((processor) => ({
              name: processorTaskName(processor),
              payload: {
                accountId: event.account_id,
                eventId: event.id,
                // The job carries the event (an odd payload is read again by the job instead).
                event: isRecord(event.payload)
                  ? { name: event.name, payload: event.payload, actorUserId: event.actor_user_id }
                  : undefined,
              },
            })),
        ),
      );
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
