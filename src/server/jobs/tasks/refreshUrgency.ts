import { z } from "zod";
import { urgencyRefresher } from "../../commands/urgencyRefresher.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZRefreshUrgency = z.object({}).passthrough();

/** Every five minutes: the longer a customer waits, the more urgent their conversation. */
export const refreshUrgencyTask: TaskDefinition<z.infer<typeof ZRefreshUrgency>, Services> = {
  name: "refresh-urgency",
  schema: ZRefreshUrgency,
  retryLimit: 0,
  retryDelaySeconds: 60,
  async run(services) {
    const changed = await urgencyRefresher(services.db);
    if (changed > 0) services.log.info({ changed }, "urgency refreshed");
  },
};
