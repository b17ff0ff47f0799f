import { z } from "zod";
import { snoozeWaker } from "../../commands/snoozeWaker.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZWakeSnoozed = z.object({}).passthrough();

/** Every minute: snoozed conversations whose time has come go back to open. */
export const wakeSnoozedTask: TaskDefinition<z.infer<typeof ZWakeSnoozed>, Services> = {
  name: "wake-snoozed",
  schema: ZWakeSnoozed,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    const woken = await snoozeWaker(services.db);
    if (woken > 0) services.log.info({ woken }, "snoozed conversations reopened");
  },
};
