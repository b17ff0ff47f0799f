import type { Services } from "../services.ts";
import type { ChannelProvider, HookResponse, InboundRequest, ResolvedChannel } from "./provider.ts";

/**
 * Channels that carry back-office records rather than customers' messages (a shop's orders,
 * shipments and stock): once the hook has verified the request, the provider stores what it
 * holds (in one transaction with its events, or not at all) and answers, instead of `parse`.
 */
export interface RecordReceiver<Config = unknown, Secrets = unknown> {
  receiveRecords(
    services: Services,
    channel: ResolvedChannel<Config, Secrets>,
    request: InboundRequest,
  ): Promise<HookResponse>;
}

export function hasRecordReceiver(
  provider: ChannelProvider<unknown, unknown>,
): provider is ChannelProvider<unknown, unknown> & RecordReceiver {
  return typeof (provider as Partial<RecordReceiver>).receiveRecords === "function";
}

/** What a records channel answers a message it cannot carry: it has no customer to send to. */
export const NO_MESSAGES = {
  ok: false as const,
  retryable: false,
  reason: "This channel carries orders, shipments and stock, not messages.",
};
