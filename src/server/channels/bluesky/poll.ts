import { z } from "zod";
import type { InboundItem, PollContext, PollResult } from "../provider.ts";
import {
  type BlueskyNotification,
  type BlueskyProfile,
  INBOUND_REASONS,
  type LogEntry,
  logItem,
  postItem,
  ZLogEntry,
  ZNotification,
  ZProfile,
} from "./parse.ts";
import { type XrpcClient, xrpcErrorReason } from "./xrpc.ts";

const MAX_PAGES = 5;
const PROFILES_PER_CALL = 25;

export interface BlueskyCursors {
  /** `indexedAt` of the newest notification already read. */
  notificationsSeenAt: string | null;
  /** The chat log's cursor. */
  chatCursor: string | null;
}

/**
 * One poll: new notifications (newest first, read back to the last one seen), the chat log
 * since its cursor, then the authors' profiles for their reach. Each part that fails is logged
 * and left for the next poll without holding back the others.
 */
export async function pollBluesky(
  client: XrpcClient,
  cursors: BlueskyCursors,
  context: PollContext,
): Promise<PollResult> {
  const refused = await client.ensureSession();
  if (refused) throw new Error(xrpcErrorReason(refused));
  const ownDid = client.session?.did ?? "";

  // A failing call does not lose the session just created: it is saved all the same, so a
  // service in trouble is not also asked for a new session at every poll.
  let notifications: BlueskyNotification[] = [];
  try {
    notifications = await readNotifications(client, cursors.notificationsSeenAt);
  } catch (error) {
    context.log.warn({ err: error }, "Bluesky notifications unavailable");
  }
  const newestSeen = notifications.reduce<string | null>(
    (newest, item) => (!newest || item.indexedAt > newest ? item.indexedAt : newest),
    cursors.notificationsSeenAt,
  );
  const addressed = notifications.filter(
    (item) => INBOUND_REASONS.has(item.reason) && item.author.did !== ownDid,
  );

  let chat: { entries: LogEntry[]; cursor: string | null } = {
    entries: [],
    cursor: cursors.chatCursor,
  };
  try {
    chat = await readChatLog(client, cursors.chatCursor);
  } catch (error) {
    context.log.warn(
      { err: error },
      "Bluesky chat log unavailable (does the app password allow DMs?)",
    );
  }

  const dids = new Set([
    ...addressed.map((item) => item.author.did),
    ...chat.entries.flatMap((entry) => (entry.message ? [entry.message.sender.did] : [])),
  ]);
  dids.delete(ownDid);
  const profiles = await readProfiles(client, [...dids], context);

  const items: InboundItem[] = [];
  for (const notification of [...addressed].reverse()) {
    const item = postItem(notification, profiles.get(notification.author.did));
    if (item) items.push(item);
  }
  for (const entry of chat.entries) {
    const item = logItem(entry, ownDid, profiles);
    if (item) items.push(item);
  }
  return {
    items,
    state: {
      notificationsSeenAt: newestSeen,
      chatCursor: chat.cursor,
      ...(client.changed ? { session: client.session } : {}),
    },
  };
}

async function readNotifications(
  client: XrpcClient,
  seenAt: string | null,
): Promise<BlueskyNotification[]> {
  const collected: BlueskyNotification[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: Array<[string, string]> = [["limit", "50"]];
    if (cursor) query.push(["cursor", cursor]);
    const response = await client.call("GET", "app.bsky.notification.listNotifications", {
      query,
    });
    if (response.status !== 200) throw new Error(xrpcErrorReason(response));
    const body = z
      .object({ notifications: z.array(ZNotification), cursor: z.string().nullish() })
      .parse(JSON.parse(response.text));
    // Notifications come newest first; those seen before end the reading (equal ones are read
    // again and stored once).
    const fresh = body.notifications.filter((item) => !seenAt || item.indexedAt >= seenAt);
    collected.push(...fresh);
    cursor = body.cursor ?? null;
    // Without a cursor only the latest page is read: the history before the channel is not.
    if (!seenAt || !cursor || fresh.length < body.notifications.length) break;
  }
  return collected;
}

async function readChatLog(client: XrpcClient, start: string | null) {
  const entries: LogEntry[] = [];
  let cursor = start;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await client.call("GET", "chat.bsky.convo.getLog", {
      query: cursor ? [["cursor", cursor]] : [],
      chat: true,
    });
    if (response.status !== 200) throw new Error(xrpcErrorReason(response));
    const body = z
      .object({ logs: z.array(z.unknown()), cursor: z.string().nullish() })
      .parse(JSON.parse(response.text));
    for (const log of body.logs) {
      const entry = ZLogEntry.safeParse(log);
      if (entry.success) entries.push(entry.data);
    }
    const next = body.cursor ?? cursor;
    if (body.logs.length === 0 || next === cursor) {
      cursor = next;
      break;
    }
    cursor = next;
  }
  return { entries, cursor };
}

async function readProfiles(client: XrpcClient, dids: string[], context: PollContext) {
  const profiles = new Map<string, BlueskyProfile>();
  for (let index = 0; index < dids.length; index += PROFILES_PER_CALL) {
    const actors = dids.slice(index, index + PROFILES_PER_CALL);
    const response = await client.call("GET", "app.bsky.actor.getProfiles", {
      query: actors.map((did) => ["actors", did] as [string, string]),
    });
    if (response.status !== 200) {
      context.log.warn({ reason: xrpcErrorReason(response) }, "Bluesky profiles unavailable");
      continue;
    }
    const body = z.object({ profiles: z.array(ZProfile) }).parse(JSON.parse(response.text));
    for (const profile of body.profiles) profiles.set(profile.did, profile);
  }
  return profiles;
}
