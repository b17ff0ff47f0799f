import { z } from "zod";
import type { EventName } from "../../shared/events.ts";
import type { Services } from "../services.ts";
import type { TaskDefinition } from "./queue.ts";

export interface StoredEvent {
  accountId: string;
  id: number;
  name: EventName;
  payload: Record<string, unknown>;
  actorUserId: string | null;
}

/** Reacts to events after they are committed; must be idempotent (an event may come twice). */
export interface Processor {
  name: string;
  events: readonly EventName[];
  retryLimit?: number;
  /**
   * Jobs fetched together (see `TaskDefinition.batchSize`), for short processors that only touch
   * the database: a batch must finish within the job expiry, so not for those that call
   * providers. Default 1.
   */
  batchSize?: number;
  handle(services: Services, event: StoredEvent): Promise<void>;
}

export const ZProcessorPayload = z.object({
  accountId: z.uuid(),
  eventId: z.number().int(),
  /** The event as the relay read it (events never change), so the job need not read it again. */
  event: z
    .object({
      name: z.string(),
      payload: z.record(z.string(), z.unknown()),
      actorUserId: z.string().nullable(),
    })
    .optional(),
});

export function processorTaskName(processor: Pick<Processor, "name">): string {
  return `process-${processor.name}`;
}

/** Each processor runs as a task of its own, so one slow or failing processor delays no other. */
export function processorTask(
  processor: Processor,
): TaskDefinition<z.infer<typeof ZProcessorPayload>, Services> {
  return {
    name: processorTaskName(processor),
    schema: ZProcessorPayload,
    retryLimit: processor.retryLimit ?? 5,
    retryDelaySeconds: 2,
    batchSize: processor.batchSize ?? 1,
    async run(services, payload) {
      if (payload.event) {
        await processor.handle(services, {
          accountId: payload.accountId,
          id: payload.eventId,
          name: payload.event.name as EventName,
          payload: payload.event.payload,
          actorUserId: payload.event.actorUserId,
        });
        return;
      }
      const row = await services.db
        .selectFrom("events")
        .selectAll()
        .where("account_id", "=", payload.accountId)
        .where("id", "=", payload.eventId)
        .executeTakeFirst();
      if (!row) return;
      await processor.handle(services, {
        accountId: row.account_id,
        id: row.id,
        name: row.name as EventName,
        payload: row.payload,
        actorUserId: row.actor_user_id,
      });
    },
  };
}
