import { z } from "zod";
import { sweepSilentVisitors } from "../../channels/chat/visitorSweep.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

const ZSweepChatVisitors = z.object({}).passthrough();

/** Every hour: anonymous widget visitors who never wrote are forgotten after the retention. */
export const sweepChatVisitorsTask: TaskDefinition<z.infer<typeof ZSweepChatVisitors>, Services> = {
  name: "sweep-chat-visitors",
  schema: ZSweepChatVisitors,
  retryLimit: 0,
  retryDelaySeconds: 60,
  async run(services) {
    const removed = await sweepSilentVisitors(
      services.db,
      services.env.RELAIS_WIDGET_VISITOR_RETENTION_HOURS,
    );
    if (removed.sessions + removed.contacts > 0) {
      services.log.info(removed, "silent chat visitors forgotten");
    }
  },
};
