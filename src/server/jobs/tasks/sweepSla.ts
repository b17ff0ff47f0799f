import { z } from "zod";
import type { Services } from "../../services.ts";
import { slaSweeper } from "../../sla/sweep.ts";
import type { TaskDefinition } from "../queue.ts";

const ZSweepSla = z.object({}).passthrough();

/** Every minute: SLA warnings and breaches that have come are announced, each once. */
export const sweepSlaTask: TaskDefinition<z.infer<typeof ZSweepSla>, Services> = {
  name: "sweep-sla",
  schema: ZSweepSla,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    const swept = await slaSweeper(services.db);
    if (swept.warned + swept.breached > 0) services.log.info(swept, "SLA clocks announced");
  },
};
