import { z } from "zod";
import { metaDate, ZMetaId } from "../meta/webhook.ts";
import type { InboundItem } from "../provider.ts";

/**
 * An Instagram `comments` (or `live_comments`) change: `{"id", "text", "from": {"id",
 * "username"}, "media": {"id", "media_product_type"}, "parent_id"?}` on the brand's media.
 */
const ZCommentValue = z.object({
  id: z.string().min(1),
  text: z.string().optional(),
  from: z.object({ id: ZMetaId, username: z.string().optional() }),
  media: z.object({ id: ZMetaId, media_product_type: z.string().optional() }),
  parent_id: z.string().optional(),
  timestamp: z.union([z.number(), z.string()]).optional(),
});

/** A comment on the brand's media is a public message; the media is the thread. */
export function commentItems(raw: unknown, igUserId: string, entryTime?: number): InboundItem[] {
  const parsed = ZCommentValue.safeParse(raw);
  if (!parsed.success) return [];
  const value = parsed.data;
  // The brand's own comments and replies are not inbound.
  if (value.from.id === igUserId) return [];
  const username = value.from.username ?? null;
  return [
    {
      type: "message",
      message: {
        externalId: value.id,
        threadId: value.media.id,
        inReplyToExternalId: value.parent_id ?? null,
        text: value.text ?? "",
        visibility: "public",
        sentAt: metaDate(value.timestamp) ?? metaDate(entryTime),
        contact: {
          identity: {
            kind: "instagram",
            value: value.from.id,
            displayName: username,
            handle: username,
            verified: true,
          },
          name: username,
        },
        metadata: {
          item: "comment",
          mediaId: value.media.id,
          mediaProductType: value.media.media_product_type ?? null,
        },
      },
    },
  ];
}
