import { z } from "zod";
import { metaDate, remoteAttachment, ZMetaId } from "../meta/webhook.ts";
import type { InboundAttachment, InboundItem } from "../provider.ts";

/**
 * A Page `feed` change: `{"item": "comment", "verb": "add" | "edited" | "remove", "comment_id",
 * "post_id", "parent_id", "from": {"id", "name"}, "message", "created_time", "photo"?, "video"?}`.
 * Older payloads name the author with `sender_id` / `sender_name`.
 */
const ZFeedValue = z.object({
  item: z.string(),
  verb: z.string(),
  from: z.object({ id: ZMetaId, name: z.string().optional() }).optional(),
  sender_id: ZMetaId.optional(),
  sender_name: z.string().optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
  photo: z.string().optional(),
  video: z.string().optional(),
  post: z.object({ permalink_url: z.string().optional() }).optional(),
});

/** Visitors' posts on the Page are addressed to the brand as much as comments are. */
const VISITOR_POSTS = new Set(["post", "status", "photo", "video"]);

/**
 * Comments on the Page's posts (and visitors' posts) become public messages threaded by post;
 * their edits and removals follow. The Page's own comments are not inbound.
 */
export function feedItems(raw: unknown, pageId: string, entryTime?: number): InboundItem[] {
  const parsed = ZFeedValue.safeParse(raw);
  if (!parsed.success) return [];
  const value = parsed.data;
  const isComment = value.item === "comment";
  if (!isComment && !VISITOR_POSTS.has(value.item)) return [];
  const externalId = isComment ? value.comment_id : value.post_id;
  const postId = value.post_id;
  if (!externalId || !postId) return [];
  const at = metaDate(value.created_time) ?? metaDate(entryTime);

  if (value.verb === "remove") return [{ type: "delete", externalId, at }];
  if (value.verb === "edited") {
    return [{ type: "edit", externalId, text: value.message ?? "", at }];
  }
  if (value.verb !== "add") return [];

  const authorId = value.from?.id ?? value.sender_id;
  const authorName = value.from?.name ?? value.sender_name ?? null;
  if (!authorId || authorId === pageId) return [];

  const attachments: InboundAttachment[] = [];
  if (value.photo) attachments.push(remoteAttachment("image", value.photo));
  if (value.video) attachments.push(remoteAttachment("video", value.video));
  const parentComment =
    isComment && value.parent_id && value.parent_id !== postId ? value.parent_id : null;
  return [
    {
      type: "message",
      message: {
        externalId,
        threadId: postId,
        inReplyToExternalId: parentComment,
        text: value.message ?? "",
        visibility: "public",
        sentAt: at,
        contact: {
          identity: { kind: "facebook", value: authorId, displayName: authorName, verified: true },
          name: authorName,
        },
        attachments,
        metadata: {
          item: isComment ? "comment" : "post",
          postId,
          permalink: value.post?.permalink_url ?? null,
        },
      },
    },
  ];
}
