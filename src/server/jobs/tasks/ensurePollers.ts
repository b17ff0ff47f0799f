import { z } from "zod";
import { resolveChannel } from "../../channels/resolve.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";
import { schedulePoll } from "./pollChannel.ts";

const ZEnsurePollers = z.object({}).passthrough();

/**
 * Every minute (and at start): every channel that polls has a poll job waiting. Each poll
 * schedules the next; this only restarts chains that stopped (a new channel, a failed job).
 */
export const ensurePollersTask: TaskDefinition<z.infer<typeof ZEnsurePollers>, Services> = {
  name: "ensure-pollers",
  schema: ZEnsurePollers,
  retryLimit: 0,
  retryDelaySeconds: 30,
  async run(services) {
    const rows = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("disabled_at", "is", null)
      .execute();
    for (const row of rows) {
      let interval: number | null = null;
      try {
        const { provider, channel } = resolveChannel(row, services.secrets);
        interval = provider.poll ? (provider.pollIntervalSeconds?.(channel) ?? null) : null;
      } catch (error) {
        services.log.warn({ err: error, channelId: row.id }, "channel cannot be read; not polled");
      }
      if (interval !== null) await schedulePoll(services, row.account_id, row.id, 0);
    }
  },
};
