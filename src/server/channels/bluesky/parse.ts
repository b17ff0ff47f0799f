import { z } from "zod";
import type { InboundAttachment, InboundContact, InboundItem } from "../provider.ts";

const ZStrongRef = z.object({ uri: z.string(), cid: z.string() });
export type StrongRef = z.infer<typeof ZStrongRef>;

const ZImages = z.object({
  $type: z.literal("app.bsky.embed.images"),
  images: z.array(
    z.object({
      image: z.object({ ref: z.object({ $link: z.string() }), mimeType: z.string() }),
      alt: z.string().nullish(),
    }),
  ),
});

const ZPostRecord = z.object({
  text: z.string().default(""),
  createdAt: z.string().nullish(),
  langs: z.array(z.string()).nullish(),
  reply: z.object({ root: ZStrongRef, parent: ZStrongRef }).nullish(),
  embed: z.unknown().optional(),
});

const ZAuthor = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().nullish(),
  avatar: z.string().nullish(),
});

/** `app.bsky.notification.listNotifications` items. */
export const ZNotification = z.object({
  uri: z.string(),
  cid: z.string(),
  author: ZAuthor,
  reason: z.string(),
  record: z.unknown(),
  indexedAt: z.string(),
});
export type BlueskyNotification = z.infer<typeof ZNotification>;

/** Replies, mentions and quotes are addressed to the brand; likes, reposts, follows are not. */
export const INBOUND_REASONS = new Set(["mention", "reply", "quote"]);

export const ZProfile = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().nullish(),
  avatar: z.string().nullish(),
  followersCount: z.number().nullish(),
});
export type BlueskyProfile = z.infer<typeof ZProfile>;

/** `chat.bsky.convo.getLog` entries: new messages and deletions. */
export const ZLogEntry = z.object({
  $type: z.string(),
  convoId: z.string().nullish(),
  message: z
    .object({
      $type: z.string().nullish(),
      id: z.string(),
      text: z.string().nullish(),
      sender: z.object({ did: z.string() }),
      sentAt: z.string().nullish(),
    })
    .nullish(),
});
export type LogEntry = z.infer<typeof ZLogEntry>;

/**
 * A reply, mention or quote of the brand as a public message. Its thread is the post's reply
 * root (or the post itself); `cid` and `root` are kept to answer it with correct references.
 */
export function postItem(
  notification: BlueskyNotification,
  profile: BlueskyProfile | undefined,
): InboundItem | null {
  const record = ZPostRecord.safeParse(notification.record);
  if (!record.success) return null;
  const post = record.data;
  const self = { uri: notification.uri, cid: notification.cid };
  const root = post.reply?.root ?? self;
  const rkey = notification.uri.split("/").pop();
  return {
    type: "message",
    message: {
      externalId: notification.uri,
      threadId: root.uri,
      references: post.reply ? [post.reply.parent.uri] : undefined,
      inReplyToExternalId: post.reply?.parent.uri ?? null,
      text: post.text,
      visibility: "public",
      sentAt: dateOf(post.createdAt) ?? dateOf(notification.indexedAt),
      contact: contactOf(notification.author, profile),
      attachments: imagesOf(notification.author.did, post.embed),
      metadata: {
        cid: notification.cid,
        root,
        reason: notification.reason,
        url: `https://bsky.app/profile/${notification.author.handle}/post/${rkey}`,
      },
    },
  };
}

/** A chat message from a customer, or a deletion the chat log reports. */
export function logItem(
  entry: LogEntry,
  ownDid: string,
  profiles: Map<string, BlueskyProfile>,
): InboundItem | null {
  const message = entry.message;
  if (!message) return null;
  if (entry.$type === "chat.bsky.convo.defs#logDeleteMessage") {
    return { type: "delete", externalId: message.id };
  }
  if (entry.$type !== "chat.bsky.convo.defs#logCreateMessage") return null;
  if (message.$type !== "chat.bsky.convo.defs#messageView") return null;
  if (message.sender.did === ownDid) return null;
  const profile = profiles.get(message.sender.did);
  return {
    type: "message",
    message: {
      externalId: message.id,
      text: message.text ?? "",
      visibility: "private",
      sentAt: dateOf(message.sentAt),
      contact: contactOf({ did: message.sender.did, handle: profile?.handle ?? null }, profile),
      metadata: { convoId: entry.convoId ?? null },
    },
  };
}

function contactOf(
  author: {
    did: string;
    handle: string | null;
    displayName?: string | null;
    avatar?: string | null;
  },
  profile: BlueskyProfile | undefined,
): InboundContact {
  const handle = profile?.handle ?? author.handle;
  const name = profile?.displayName || author.displayName || null;
  return {
    identity: {
      kind: "bluesky",
      value: author.did,
      handle: handle ? `@${handle}` : null,
      displayName: name ?? handle,
      avatarUrl: profile?.avatar ?? author.avatar ?? null,
      followers: profile?.followersCount ?? null,
    },
    name,
  };
}

/**
 * Images of a post (alone or beside a quoted record), linked on Bluesky's image CDN, which
 * serves a blob by its author's DID and its CID.
 */
function imagesOf(did: string, embed: unknown): InboundAttachment[] {
  const direct = ZImages.safeParse(embed);
  const withMedia = z.object({ media: ZImages }).safeParse(embed);
  const images = direct.success
    ? direct.data.images
    : withMedia.success
      ? withMedia.data.media.images
      : [];
  return images.map(({ image }) => {
    const cid = image.ref.$link;
    return {
      filename: `${cid}.${image.mimeType.split("/")[1] ?? "jpeg"}`,
      contentType: image.mimeType,
      url: `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${cid}@jpeg`,
    };
  });
}

function dateOf(value: string | null | undefined): Date | undefined {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
