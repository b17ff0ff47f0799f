import { z } from "zod";
import type { InboundItem, PollContext, PollResult, ResolvedChannel } from "../provider.ts";
import { type MastodonClient, mastodonErrorReason, mastodonRequest } from "./api.ts";
import {
  compareIds,
  editItem,
  type MastodonNotification,
  type MastodonStatus,
  mentionItem,
  ZNotification,
} from "./parse.ts";

export const ZMastodonConfig = z.object({
  instanceUrl: z.string().url(),
  /** Seconds between two polls of the notifications; 0 pauses polling. */
  pollSeconds: z.number().int().min(0).max(86_400).default(30),
  /** False keeps the channel on polling only, without the streaming API (true when absent). */
  streaming: z.boolean().optional(),
});
export const ZMastodonSecrets = z.object({ accessToken: z.string().min(1) });
export type MastodonConfig = z.infer<typeof ZMastodonConfig>;
export type MastodonSecrets = z.infer<typeof ZMastodonSecrets>;
export type MastodonChannel = ResolvedChannel<MastodonConfig, MastodonSecrets>;

export const ZMastodonState = z.object({
  notificationsMinId: z.string().nullish().catch(null),
});

const PAGE_SIZE = 40;
const MAX_PAGES = 5;

type Log = PollContext["log"];

/** The instance's client; its host is checked at each call unless private addresses are allowed. */
export function clientOf(
  channel: MastodonChannel,
  context: { timeoutMs: number; allowPrivateAddresses: boolean },
): MastodonClient {
  return {
    instanceUrl: channel.config.instanceUrl,
    accessToken: channel.secrets.accessToken,
    timeoutMs: context.timeoutMs,
    publicOnly: !context.allowPrivateAddresses,
  };
}

/**
 * Pages forward from the last notification seen (`min_id`), oldest page first, so a restart
 * resumes where it stopped and a burst larger than a page is never skipped. Used by the
 * periodic poll and by the stream's catch-up after every (re)connection.
 */
export async function pollNotifications(
  channel: MastodonChannel,
  context: PollContext,
): Promise<PollResult> {
  const client = clientOf(channel, context);
  const start = ZMastodonState.parse(channel.row.state ?? {}).notificationsMinId ?? null;
  let cursor = start;
  const items: InboundItem[] = [];
  const roots = new Map<string, string | null>();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: Array<[string, string]> = [
      ["types[]", "mention"],
      ["types[]", "update"],
      ["limit", String(PAGE_SIZE)],
    ];
    if (cursor) query.push(["min_id", cursor]);
    const response = await mastodonRequest(client, "GET", "/api/v1/notifications", { query });
    if (response.status !== 200) throw new Error(mastodonErrorReason(response));
    const notifications = z.array(ZNotification).parse(JSON.parse(response.text));
    if (notifications.length === 0) break;
    notifications.sort((a, b) => compareIds(a.id, b.id));
    for (const notification of notifications) {
      items.push(
        ...(await notificationItems(channel, notification, { client, roots, log: context.log })),
      );
    }
    cursor = notifications.at(-1)?.id ?? cursor;
    // Without a cursor only the latest page is read: the history before the channel is not.
    if (!start || notifications.length < PAGE_SIZE) break;
  }
  return { items, state: cursor !== start ? { notificationsMinId: cursor } : undefined };
}

/**
 * What one notification means for Relais, whether polled or streamed: a `mention` is an
 * inbound message (in its thread's conversation), an `update` an edit; other types nothing.
 */
export async function notificationItems(
  channel: MastodonChannel,
  notification: MastodonNotification,
  options: { client: MastodonClient; roots: Map<string, string | null>; log: Log },
): Promise<InboundItem[]> {
  const status = notification.status;
  if (!status) return [];
  if (notification.type === "update") return [editItem(status)];
  if (notification.type !== "mention") return [];
  const threadId = await threadOf(options.client, status, options.roots, options.log);
  return [mentionItem(status, { instanceUrl: channel.config.instanceUrl, threadId })];
}

/**
 * The conversation a status belongs to: the root of its thread, from its context (ancestors,
 * oldest first). A direct exchange that started privately has no thread: it continues the
 * customer's private conversation; a direct reply inside a public thread joins that thread.
 */
async function threadOf(
  client: MastodonClient,
  status: MastodonStatus,
  cache: Map<string, string | null>,
  log: Log,
): Promise<string | null> {
  if (!status.in_reply_to_id) return status.visibility === "direct" ? null : status.id;
  const known = cache.get(status.in_reply_to_id);
  if (known !== undefined) return known;
  let thread: string | null = status.in_reply_to_id;
  const response = await mastodonRequest(
    client,
    "GET",
    `/api/v1/statuses/${encodeURIComponent(status.id)}/context`,
  );
  if (response.status === 200) {
    const ancestors = ZContext.parse(JSON.parse(response.text)).ancestors;
    const root = ancestors[0];
    if (root) thread = root.visibility === "direct" ? null : root.id;
  } else {
    log.warn({ status: response.status, statusId: status.id }, "thread context unavailable");
  }
  cache.set(status.in_reply_to_id, thread);
  cache.set(status.id, thread);
  return thread;
}

const ZContext = z.object({
  ancestors: z.array(z.object({ id: z.string(), visibility: z.string().nullish() })),
});
