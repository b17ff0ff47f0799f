import type { LiveEvent } from "../../shared/events.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { EVENTS_CHANNEL } from "./outbox.ts";

export interface LiveSubscriber {
  accountId: string;
  send(event: LiveEvent): void;
}

/**
 * Real-time fan-out. Every process listens to the events channel (LISTEN/NOTIFY), so an event
 * committed by any process reaches the agents connected to this one.
 */
export class LiveHub {
  readonly #subscribers = new Map<string, Set<LiveSubscriber>>();
  readonly #handlers = new Set<(event: LiveEvent) => void>();
  #unlisten?: () => Promise<void>;

  constructor(private readonly log: Logger) {}

  async start(database: Database): Promise<void> {
    this.#unlisten = await database.listen(EVENTS_CHANNEL, (payload) => this.#dispatch(payload));
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = undefined;
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    const set = this.#subscribers.get(subscriber.accountId) ?? new Set();
    set.add(subscriber);
    this.#subscribers.set(subscriber.accountId, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(subscriber.accountId);
    };
  }

  /** In-process observers of every event (the outbox relay wakes on them). */
  onEvent(handler: (event: LiveEvent) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  #dispatch(payload: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch (error) {
      this.log.warn({ err: error }, "unreadable live event");
      return;
    }
    for (const handler of this.#handlers) handler(event);
    for (const subscriber of this.#subscribers.get(event.accountId) ?? []) {
      try {
        subscriber.send(event);
      } catch (error) {
        this.log.debug({ err: error }, "live subscriber failed");
      }
    }
  }
}
