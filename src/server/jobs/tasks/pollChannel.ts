import { sql } from "kysely";
import { z } from "zod";
import { resolveChannel } from "../../channels/resolve.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

export const POLL_CHANNEL = "poll-channel";
const ZPollChannel = z.object({ accountId: z.uuid(), channelId: z.uuid() });

/**
 * Polls one channel, stores what is new, saves the provider's cursor, and schedules the next
 * poll. The queue is "stately" per channel: never two polls of one channel at once.
 */
export const pollChannelTask: TaskDefinition<z.infer<typeof ZPollChannel>, Services> = {
  name: POLL_CHANNEL,
  schema: ZPollChannel,
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 600,
  policy: "stately",
  async run(services, payload) {
    const row = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", payload.accountId)
      .where("id", "=", payload.channelId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!row) return;
    const { provider, channel } = resolveChannel(row, services.secrets);
    const interval = provider.pollIntervalSeconds?.(channel) ?? null;
    if (!provider.poll || interval === null) return;
    const log = services.log.child({
      accountId: row.account_id,
      channelId: row.id,
      provider: row.kind,
    });
    try {
      const result = await provider.poll(channel, {
        timeoutMs: services.env.RELAIS_HTTP_TIMEOUT_MS,
        allowPrivateAddresses: services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
        log,
      });
      const outcome = await inboundIngester(services.db, row, result.items);
      if (result.state) {
        await services.db
          .updateTable("channels")
          .set({ state: sql`state || ${JSON.stringify(result.state)}::jsonb` })
          .where("account_id", "=", row.account_id)
          .where("id", "=", row.id)
          .execute();
      }
      if (outcome.stored + outcome.updates > 0)
        log.info({ ...outcome, messageIds: undefined }, "channel polled");
    } catch (error) {
      log.warn({ err: error }, "polling failed; will try again");
    }
    await schedulePoll(services, row.account_id, row.id, interval);
  },
};

export async function schedulePoll(
  services: Services,
  accountId: string,
  channelId: string,
  afterSeconds: number,
) {
  await services.queue.send(
    services.db,
    POLL_CHANNEL,
    { accountId, channelId },
    {
      singletonKey: channelId,
      startAfter: new Date(Date.now() + afterSeconds * 1000),
      allowDuplicate: true,
    },
  );
}
