import { z } from "zod";
import { DELIVER_MESSAGE } from "../../commands/deliveryScheduler.ts";
import { messageDeliverer } from "../../commands/messageDeliverer.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZDeliverMessage = z.object({ accountId: z.uuid(), messageId: z.uuid() });

/** Outbound delivery; its retries and backoff are decided by messageDeliverer itself. */
export const deliverMessageTask: TaskDefinition<z.infer<typeof ZDeliverMessage>, Services> = {
  name: DELIVER_MESSAGE,
  schema: ZDeliverMessage,
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: 120,
  run: (services, payload, job) => messageDeliverer(services, { ...payload, jobId: job.id }),
};
