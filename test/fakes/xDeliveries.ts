import { createHmac } from "node:crypto";

/**
 * X's Account Activity webhook deliveries as Relais receives them — v1.1 Tweet objects,
 * `direct_message_events` with their `users` map — signed as X signs them, and the ids and
 * times the X fake gives its posts.
 */

export interface XUser {
  id: string;
  name: string;
  username: string;
  followers: number;
  avatar: string;
}

/** Distinct, increasing times: two posts made in the same millisecond still have an order. */
let lastTime = 0;
export function tick(): Date {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime);
}

let counter = 1_850_000_000_000_000_000n;
export function nextSnowflake(): string {
  counter += 1_000n + BigInt(Math.floor(Math.random() * 1000));
  return counter.toString();
}

/** `x-twitter-webhooks-signature` of a delivery: sha256=base64(HMAC-SHA256(body)). */
export function signXWebhook(consumerSecret: string, body: string): string {
  return `sha256=${createHmac("sha256", consumerSecret).update(body).digest("base64")}`;
}

/** What Relais answers an Account Activity delivery: how many events it stored. */
export interface XHookAnswer {
  data: { stored: number; duplicates: number; updates: number };
}

/**
 * Posts an Account Activity delivery to `/hooks/<channelId>` signed as X signs it
 * (`x-twitter-webhooks-signature`), or with the `signature` given: the social harness's deliverer.
 */
export function xDeliverer(consumerSecret: string) {
  return async (baseUrl: string, channelId: string, payload: unknown, signature?: string) => {
    const body = JSON.stringify(payload);
    const response = await fetch(`${baseUrl}/hooks/${channelId}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-twitter-webhooks-signature": signature ?? signXWebhook(consumerSecret, body),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as XHookAnswer };
  };
}

/** A v1.1 Tweet object as Account Activity `tweet_create_events` carry it. */
export function v1Tweet(
  user: XUser,
  post: { id?: string; text: string; inReplyTo?: string; media?: string[] },
) {
  const id = post.id ?? nextSnowflake();
  const at = tick();
  return {
    created_at: at.toUTCString().replace("GMT", "+0000"),
    id: Number(id),
    id_str: id,
    text: post.text,
    truncated: false,
    in_reply_to_status_id: post.inReplyTo ? Number(post.inReplyTo) : null,
    in_reply_to_status_id_str: post.inReplyTo ?? null,
    user: {
      id: Number(user.id),
      id_str: user.id,
      name: user.name,
      screen_name: user.username,
      followers_count: user.followers,
      profile_image_url_https: user.avatar,
    },
    entities: { hashtags: [], urls: [], user_mentions: [] },
    ...(post.media
      ? {
          extended_entities: {
            media: post.media.map((url) => ({ type: "photo", media_url_https: url })),
          },
        }
      : {}),
    timestamp_ms: String(at.getTime()),
  };
}

/** A `direct_message_events` delivery with its `users` map. */
export function dmDelivery(forUserId: string, sender: XUser, text: string, id = nextSnowflake()) {
  return {
    for_user_id: forUserId,
    direct_message_events: [
      {
        type: "message_create",
        id,
        created_timestamp: String(Date.now()),
        message_create: {
          target: { recipient_id: forUserId },
          sender_id: sender.id,
          message_data: { text, entities: { hashtags: [], urls: [], user_mentions: [] } },
        },
      },
    ],
    users: {
      [sender.id]: {
        id: sender.id,
        name: sender.name,
        screen_name: sender.username,
        followers_count: sender.followers,
        profile_image_url_https: sender.avatar,
      },
    },
  };
}
