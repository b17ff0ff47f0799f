import { z } from "zod";
import { pruneEvents } from "../../events/prune.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZPruneEvents = z.object({}).passthrough();

/** Every hour: published events older than the retention are deleted, in batches. */
export const pruneEventsTask: TaskDefinition<z.infer<typeof ZPruneEvents>, Services> = {
  name: "prune-events",
  schema: ZPruneEvents,
  retryLimit: 0,
  retryDelaySeconds: 60,
  async run(services) {
    const pruned = await pruneEvents(services.db, services.env.RELAIS_EVENTS_RETENTION_DAYS);
    if (pruned > 0) services.log.info({ pruned }, "published events pruned");
  },
};
