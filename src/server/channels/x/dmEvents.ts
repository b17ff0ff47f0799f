import { z } from "zod";
import type { InboundItem } from "../provider.ts";
import { isoDate, mediaByKey, v2Attachments, v2Contact, ZV2Includes } from "./parse.ts";

/** `GET /2/dm_events`: what a direct message needs, its sender and its files expanded. */
export const DM_EVENT_FIELDS = {
  max_results: "100",
  event_types: "MessageCreate",
  "dm_event.fields":
    "id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids,attachments",
  expansions: "sender_id,attachments.media_keys,participant_ids",
  "user.fields": "public_metrics,profile_image_url,username,name",
  "media.fields": "url,type,preview_image_url",
} as const;

/** `GET /2/dm_events` (v2 DM events, newest first). */
export const ZDmEventsResponse = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        event_type: z.string(),
        text: z.string().nullish(),
        sender_id: z.string().nullish(),
        dm_conversation_id: z.string().nullish(),
        created_at: z.string().nullish(),
        attachments: z.object({ media_keys: z.array(z.string()).nullish() }).nullish(),
      }),
    )
    .default([]),
  includes: ZV2Includes,
  meta: z
    .object({ result_count: z.number().nullish(), next_token: z.string().nullish() })
    .nullish(),
});
export type DmEventsResponse = z.infer<typeof ZDmEventsResponse>;

/**
 * The customers' direct messages of one page, as the webhook would have delivered them: the
 * same external id (the DM event id), so a message both polled and pushed is stored once.
 * The brand's own messages and other event types are skipped.
 */
export function parseDmEvents(response: DmEventsResponse, userId: string): InboundItem[] {
  const users = new Map((response.includes?.users ?? []).map((user) => [user.id, user]));
  const media = mediaByKey(response.includes);
  const items: InboundItem[] = [];
  for (const event of response.data) {
    if (event.event_type !== "MessageCreate" || !event.sender_id) continue;
    if (event.sender_id === userId) continue;
    const sender = users.get(event.sender_id);
    items.push({
      type: "message",
      message: {
        externalId: event.id,
        text: event.text ?? "",
        visibility: "private",
        sentAt: isoDate(event.created_at),
        contact: v2Contact(event.sender_id, sender),
        attachments: v2Attachments(event.attachments?.media_keys, media),
      },
    });
  }
  return items;
}
