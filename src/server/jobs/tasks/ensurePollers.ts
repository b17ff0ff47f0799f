import { z } from "zod";
import { pollingKinds } from "../../channels/registry.ts";
import { resolveChannel } from "../../channels/resolve.ts";
import type { Channel } from "../../db/schema.ts";
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
    await ensurePollers(services);
  },
};

/** Schedules a poll for every enabled channel that polls, a page of channels at a time. */
export async function ensurePollers(services: Services, pageSize = 200): Promise<void> {
  const kinds = pollingKinds();
  if (kinds.length === 0) return;
  // In pages along the primary key: never the whole channels table at once.
  let after: { accountId: string; id: string } | null = null;
  for (;;) {
    const rows = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("disabled_at", "is", null)
      .where("kind", "in", kinds as never[])
      .$if(after !== null, (query) =>
        query.where((eb) =>
          eb(eb.refTuple("account_id", "id"), ">", eb.tuple(after!.accountId, after!.id)),
        ),
      )
      .orderBy("account_id")
      .orderBy("id")
      .limit(pageSize)
      .execute();
    for (const row of rows) await ensurePoller(services, row);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { accountId: last.account_id, id: last.id };
  }
}

async function ensurePoller(services: Services, row: Channel) {
  let interval: number | null = null;
  try {
    const { provider, channel } = resolveChannel(row, services.secrets);
    interval = provider.poll ? (provider.pollIntervalSeconds?.(channel) ?? null) : null;
  } catch (error) {
    services.log.warn({ err: error, channelId: row.id }, "channel cannot be read; not polled");
  }
  if (interval !== null) await schedulePoll(services, row.account_id, row.id, 0);
}
