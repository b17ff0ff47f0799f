import { z } from "zod";
import { sweepUploads } from "../../attachments/uploads.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZSweepUploads = z.object({}).passthrough();

/** Every hour: files agents uploaded but never sent, once a day old, are deleted. */
export const sweepUploadsTask: TaskDefinition<z.infer<typeof ZSweepUploads>, Services> = {
  name: "sweep-uploads",
  schema: ZSweepUploads,
  retryLimit: 0,
  retryDelaySeconds: 60,
  async run(services) {
    const removed = await sweepUploads(services.db);
    if (removed > 0) services.log.info({ removed }, "unsent uploads removed");
  },
};
