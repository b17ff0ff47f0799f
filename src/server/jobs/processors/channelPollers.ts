import { resolveChannel } from "../../channels/resolve.ts";
import type { Processor } from "../processor.ts";
import { schedulePoll } from "../tasks/pollChannel.ts";

/** A channel that polls starts polling as soon as it is created or re-enabled. */
export const channelPollersProcessor: Processor = {
  name: "channel-pollers",
  events: ["channel.created", "channel.updated"],
  async handle(services, event) {
    const channelId = event.payload.channelId;
    if (typeof channelId !== "string") return;
    const row = await services.db
      .selectFrom("channels")
      .selectAll()
      .where("account_id", "=", event.accountId)
      .where("id", "=", channelId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (!row) return;
    const { provider, channel } = resolveChannel(row, services.secrets);
    const interval = provider.poll ? (provider.pollIntervalSeconds?.(channel) ?? null) : null;
    if (interval !== null) await schedulePoll(services, row.account_id, row.id, 0);
  },
};
