import { z } from "zod";
import { badRequest } from "../../errors.ts";
import type { InboundAttachment, InboundContact, InboundItem } from "../provider.ts";

/**
 * Account Activity API payloads (v1.1 objects): `tweet_create_events`, `tweet_delete_events`,
 * `direct_message_events` (with the `users` they mention) and `direct_message_mark_read_events`.
 */
const ZV1User = z.object({
  id_str: z.string(),
  name: z.string().nullish(),
  screen_name: z.string().nullish(),
  profile_image_url_https: z.string().nullish(),
  followers_count: z.number().nullish(),
});

const ZV1Media = z.object({
  media_url_https: z.string().nullish(),
  type: z.string().nullish(),
  video_info: z
    .object({
      variants: z.array(
        z.object({ bitrate: z.number().nullish(), content_type: z.string(), url: z.string() }),
      ),
    })
    .nullish(),
});
type V1Media = z.infer<typeof ZV1Media>;

const ZExtendedEntities = z.object({ media: z.array(ZV1Media).default([]) }).nullish();

const ZV1Tweet = z.object({
  id_str: z.string(),
  created_at: z.string().nullish(),
  timestamp_ms: z.string().nullish(),
  text: z.string().nullish(),
  full_text: z.string().nullish(),
  extended_tweet: z
    .object({ full_text: z.string(), extended_entities: ZExtendedEntities })
    .nullish(),
  in_reply_to_status_id_str: z.string().nullish(),
  user: ZV1User,
  retweeted_status: z.unknown().optional(),
  extended_entities: ZExtendedEntities,
  edit_history: z.object({ initial_tweet_id: z.string() }).nullish(),
});

const ZDmUser = z.object({
  id: z.string(),
  name: z.string().nullish(),
  screen_name: z.string().nullish(),
  profile_image_url_https: z.string().nullish(),
  followers_count: z.number().nullish(),
});

const ZDmEvent = z.object({
  type: z.string(),
  id: z.string(),
  created_timestamp: z.string().nullish(),
  message_create: z
    .object({
      target: z.object({ recipient_id: z.string() }),
      sender_id: z.string(),
      message_data: z.object({
        text: z.string().default(""),
        attachment: z.object({ media: ZV1Media }).nullish(),
      }),
    })
    .nullish(),
});

export const ZAccountActivity = z.object({
  for_user_id: z.string(),
  tweet_create_events: z.array(ZV1Tweet).optional(),
  tweet_delete_events: z
    .array(
      z.object({
        status: z.object({ id: z.string(), user_id: z.string().nullish() }),
        timestamp_ms: z.string().nullish(),
      }),
    )
    .optional(),
  direct_message_events: z.array(ZDmEvent).optional(),
  direct_message_mark_read_events: z
    .array(
      z.object({
        created_timestamp: z.string().nullish(),
        sender_id: z.string(),
        last_read_event_id: z.string(),
      }),
    )
    .optional(),
  users: z.record(z.string(), ZDmUser).optional(),
});

/**
 * A delivery as inbound items. `userId` is the brand's own numeric id: its own posts and DMs
 * are not inbound messages.
 */
export function parseAccountActivity(rawBody: Buffer, userId: string): InboundItem[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw badRequest("invalid_json", "The body is not valid JSON.");
  }
  const parsed = ZAccountActivity.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest("invalid_payload", `Invalid ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const body = parsed.data;
  // One app webhook may serve several subscribed accounts; this channel is one of them.
  if (body.for_user_id !== userId) return [];
  const items: InboundItem[] = [];

  for (const tweet of body.tweet_create_events ?? []) {
    if (tweet.user.id_str === userId || tweet.retweeted_status) continue;
    const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? "";
    const initial = tweet.edit_history?.initial_tweet_id;
    if (initial && initial !== tweet.id_str) {
      items.push({ type: "edit", externalId: initial, text, at: tweetDate(tweet) });
      continue;
    }
    const parent = tweet.in_reply_to_status_id_str ?? null;
    const media = tweet.extended_tweet?.extended_entities?.media ?? tweet.extended_entities?.media;
    items.push({
      type: "message",
      message: {
        externalId: tweet.id_str,
        // v1.1 posts do not name their thread's root: a reply continues the conversation that
        // holds the post it answers (ours or the customer's), else groups under that post.
        threadId: parent ?? tweet.id_str,
        references: parent ? [parent] : undefined,
        inReplyToExternalId: parent,
        text,
        visibility: "public",
        sentAt: tweetDate(tweet),
        contact: contactOf({
          id: tweet.user.id_str,
          name: tweet.user.name,
          username: tweet.user.screen_name,
          avatar: tweet.user.profile_image_url_https,
          followers: tweet.user.followers_count,
        }),
        attachments: (media ?? []).flatMap(attachmentOf),
        metadata: { url: postUrl(tweet.user.screen_name, tweet.id_str) },
      },
    });
  }

  for (const deleted of body.tweet_delete_events ?? []) {
    items.push({
      type: "delete",
      externalId: deleted.status.id,
      at: epochMs(deleted.timestamp_ms),
    });
  }

  for (const event of body.direct_message_events ?? []) {
    const create = event.message_create;
    if (event.type !== "message_create" || !create) continue;
    if (create.sender_id === userId) continue;
    const sender = body.users?.[create.sender_id];
    const media = create.message_data.attachment?.media;
    items.push({
      type: "message",
      message: {
        externalId: event.id,
        text: create.message_data.text,
        visibility: "private",
        sentAt: epochMs(event.created_timestamp),
        contact: contactOf({
          id: create.sender_id,
          name: sender?.name,
          username: sender?.screen_name,
          avatar: sender?.profile_image_url_https,
          followers: sender?.followers_count,
        }),
        attachments: media ? attachmentOf(media) : [],
      },
    });
  }

  for (const read of body.direct_message_mark_read_events ?? []) {
    if (read.sender_id === userId) continue;
    items.push({
      type: "status",
      externalId: read.last_read_event_id,
      status: "read",
      at: epochMs(read.created_timestamp),
    });
  }
  return items;
}

/** The users and media a v2 answer expands (`expansions`), shared by mentions and DMs. */
export const ZV2Includes = z
  .object({
    users: z
      .array(
        z.object({
          id: z.string(),
          name: z.string().nullish(),
          username: z.string().nullish(),
          profile_image_url: z.string().nullish(),
          public_metrics: z.object({ followers_count: z.number().nullish() }).nullish(),
        }),
      )
      .default([]),
    media: z
      .array(
        z.object({
          media_key: z.string(),
          type: z.string().nullish(),
          url: z.string().nullish(),
          preview_image_url: z.string().nullish(),
        }),
      )
      .default([]),
  })
  .nullish();

/** `GET /2/users/:id/mentions` (v2 objects), for accounts without webhook access. */
export const ZMentionsResponse = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        author_id: z.string(),
        conversation_id: z.string().nullish(),
        created_at: z.string().nullish(),
        referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).nullish(),
        attachments: z.object({ media_keys: z.array(z.string()).nullish() }).nullish(),
        edit_history_tweet_ids: z.array(z.string()).nullish(),
      }),
    )
    .default([]),
  includes: ZV2Includes,
  meta: z.object({ newest_id: z.string().nullish(), next_token: z.string().nullish() }).nullish(),
});

export function parseMentions(
  response: z.infer<typeof ZMentionsResponse>,
  userId: string,
): InboundItem[] {
  const users = new Map((response.includes?.users ?? []).map((user) => [user.id, user]));
  const media = mediaByKey(response.includes);
  const items: InboundItem[] = [];
  for (const tweet of response.data) {
    if (tweet.author_id === userId) continue;
    const initial = tweet.edit_history_tweet_ids?.[0];
    if (initial && initial !== tweet.id) {
      items.push({
        type: "edit",
        externalId: initial,
        text: tweet.text,
        at: isoDate(tweet.created_at),
      });
      continue;
    }
    const author = users.get(tweet.author_id);
    const parent = tweet.referenced_tweets?.find((ref) => ref.type === "replied_to")?.id ?? null;
    items.push({
      type: "message",
      message: {
        externalId: tweet.id,
        threadId: tweet.conversation_id ?? parent ?? tweet.id,
        references: parent ? [parent] : undefined,
        inReplyToExternalId: parent,
        text: tweet.text,
        visibility: "public",
        sentAt: isoDate(tweet.created_at),
        contact: v2Contact(tweet.author_id, author),
        attachments: v2Attachments(tweet.attachments?.media_keys, media),
        metadata: { url: postUrl(author?.username, tweet.id) },
      },
    });
  }
  return items;
}

type V2Includes = z.infer<typeof ZV2Includes>;
type V2Media = NonNullable<V2Includes>["media"][number];

export function mediaByKey(includes: V2Includes): Map<string, V2Media> {
  return new Map((includes?.media ?? []).map((file) => [file.media_key, file]));
}

/** The files a v2 post or DM event names by media key, linked to X's copy. */
export function v2Attachments(
  keys: string[] | null | undefined,
  media: Map<string, V2Media>,
): InboundAttachment[] {
  return (keys ?? []).flatMap((key) => {
    const file = media.get(key);
    const url = file?.url ?? file?.preview_image_url;
    return url ? [{ filename: fileName(url), contentType: contentTypeOf(url), url }] : [];
  });
}

/** The author of a v2 post or DM event, as the expanded user (`includes.users`) describes them. */
export function v2Contact(id: string, user: NonNullable<V2Includes>["users"][number] | undefined) {
  return contactOf({
    id,
    name: user?.name,
    username: user?.username,
    avatar: user?.profile_image_url,
    followers: user?.public_metrics?.followers_count,
  });
}

function contactOf(user: {
  id: string;
  name?: string | null;
  username?: string | null;
  avatar?: string | null;
  followers?: number | null;
}): InboundContact {
  return {
    identity: {
      kind: "twitter",
      value: user.id,
      displayName: user.name ?? user.username ?? null,
      handle: user.username ? `@${user.username}` : null,
      avatarUrl: user.avatar ?? null,
      followers: user.followers ?? null,
    },
    name: user.name ?? null,
  };
}

/** Photos link to the image; videos and GIFs to their best MP4 rendition. */
function attachmentOf(media: V1Media): InboundAttachment[] {
  const variants = (media.video_info?.variants ?? []).filter(
    (variant) => variant.content_type === "video/mp4",
  );
  const best = variants.sort((a, b) => (b.bitrate ?? 0) - (a.bitrate ?? 0))[0];
  if (best) return [{ filename: fileName(best.url), contentType: "video/mp4", url: best.url }];
  const url = media.media_url_https;
  return url ? [{ filename: fileName(url), contentType: contentTypeOf(url), url }] : [];
}

function fileName(url: string): string {
  return new URL(url).pathname.split("/").pop() || "media";
}

function contentTypeOf(url: string): string {
  const extension = fileName(url).split(".").pop()?.toLowerCase();
  const known: Record<string, string> = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    gif: "image/gif",
    webp: "image/webp",
    mp4: "video/mp4",
  };
  return (extension && known[extension]) || "application/octet-stream";
}

function postUrl(username: string | null | undefined, id: string): string {
  return `https://x.com/${username ?? "i/web"}/status/${id}`;
}

function tweetDate(tweet: { timestamp_ms?: string | null; created_at?: string | null }) {
  return epochMs(tweet.timestamp_ms) ?? isoDate(tweet.created_at);
}

function epochMs(value: string | null | undefined): Date | undefined {
  const ms = Number(value);
  return value && Number.isFinite(ms) ? new Date(ms) : undefined;
}

export function isoDate(value: string | null | undefined): Date | undefined {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
