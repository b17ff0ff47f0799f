import { z } from "zod";
import type { InboundItem, PollResult } from "../provider.ts";
import { MENTION_FIELDS, type XClient, xErrorReason, xRequest } from "./api.ts";
import { DM_EVENT_FIELDS, parseDmEvents, ZDmEventsResponse } from "./dmEvents.ts";
import { parseMentions, ZMentionsResponse } from "./parse.ts";

/** What the provider keeps in the channel's state: the newest mention and DM event polled. */
const ZXState = z.object({
  mentionsSinceId: z.string().nullish().catch(null),
  dmSinceId: z.string().nullish().catch(null),
});
const MAX_PAGES = 5;

/** Snowflake ids grow with time: `a` is newer than `b`. */
function newer(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/**
 * For accounts without Account Activity webhooks: new mentions (`since_id`) and new direct
 * messages (`GET /2/dm_events`, which has no `since_id`: pages back, newest first, until the
 * newest event seen last time). Without a cursor only the latest page of each is read.
 */
export async function pollX(
  client: XClient,
  userId: string,
  state: Record<string, unknown> | null,
): Promise<PollResult> {
  const cursors = ZXState.parse(state ?? {});
  const mentions = await pollMentions(client, userId, cursors.mentionsSinceId ?? null);
  const dms = await pollDms(client, userId, cursors.dmSinceId ?? null);
  return {
    items: [...mentions.items, ...dms.items],
    state: {
      mentionsSinceId: mentions.newest ?? cursors.mentionsSinceId ?? null,
      dmSinceId: dms.newest ?? cursors.dmSinceId ?? null,
    },
  };
}

interface Polled {
  items: InboundItem[];
  newest: string | null;
}

async function pollMentions(client: XClient, userId: string, sinceId: string | null) {
  const polled: Polled = { items: [], newest: null };
  let token: string | null = null;
  for (let page = 0; page < (sinceId ? MAX_PAGES : 1); page += 1) {
    const query: Record<string, string> = { ...MENTION_FIELDS };
    if (sinceId) query.since_id = sinceId;
    if (token) query.pagination_token = token;
    const response = await xRequest(
      client,
      "GET",
      `/2/users/${encodeURIComponent(userId)}/mentions`,
      {
        query,
      },
    );
    if (response.status !== 200) throw new Error(xErrorReason(response));
    const body = ZMentionsResponse.parse(JSON.parse(response.text));
    polled.newest ??= body.meta?.newest_id ?? null;
    polled.items.push(...parseMentions(body, userId));
    token = body.meta?.next_token ?? null;
    if (!token) break;
  }
  return polled;
}

async function pollDms(client: XClient, userId: string, sinceId: string | null) {
  const polled: Polled = { items: [], newest: null };
  let token: string | null = null;
  for (let page = 0; page < (sinceId ? MAX_PAGES : 1); page += 1) {
    const query: Record<string, string> = { ...DM_EVENT_FIELDS };
    if (token) query.pagination_token = token;
    const response = await xRequest(client, "GET", "/2/dm_events", { query });
    if (response.status !== 200) throw new Error(xErrorReason(response));
    const body = ZDmEventsResponse.parse(JSON.parse(response.text));
    const fresh = sinceId ? body.data.filter((event) => newer(event.id, sinceId)) : body.data;
    polled.newest ??= body.data[0]?.id ?? null;
    polled.items.push(...parseDmEvents({ ...body, data: fresh }, userId));
    token = body.meta?.next_token ?? null;
    // Reached what the last poll saw: older pages hold nothing new.
    if (!token || fresh.length < body.data.length) break;
  }
  return polled;
}
