import { convert } from "html-to-text";
import { z } from "zod";
import type { InboundAttachment, InboundItem } from "../provider.ts";

const ZAccount = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().nullish(),
  avatar: z.string().nullish(),
  followers_count: z.number().nullish(),
  url: z.string().nullish(),
});

export const ZStatus = z.object({
  id: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  visibility: z.enum(["public", "unlisted", "private", "direct"]).catch("public"),
  spoiler_text: z.string().nullish(),
  content: z.string(),
  url: z.string().nullish(),
  uri: z.string().nullish(),
  language: z.string().nullish(),
  account: ZAccount,
  media_attachments: z
    .array(
      z.object({
        type: z.string(),
        url: z.string().nullish(),
        remote_url: z.string().nullish(),
        description: z.string().nullish(),
      }),
    )
    .default([]),
});
export type MastodonStatus = z.infer<typeof ZStatus>;

export const ZNotification = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string().nullish(),
  account: ZAccount.nullish(),
  status: ZStatus.nullish(),
});
export type MastodonNotification = z.infer<typeof ZNotification>;

/** Mastodon ids are decimal strings that grow with time; compared without losing precision. */
export function compareIds(a: string, b: string): number {
  return a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
}

/** The status's HTML as plain text: mentions and links keep their visible text, no markup. */
export function statusText(status: MastodonStatus): string {
  const body = convert(status.content, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "p", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    ],
  }).trim();
  return status.spoiler_text ? `${status.spoiler_text}\n\n${body}` : body;
}

/** `user@instance`, also for accounts of the channel's own instance (whose `acct` is bare). */
export function canonicalAcct(acct: string, instanceUrl: string): string {
  const full = acct.includes("@") ? acct : `${acct}@${new URL(instanceUrl).host}`;
  return full.replace(/^@/, "").toLowerCase();
}

/**
 * A mention (or a direct status) as an inbound message. Direct statuses are private; public,
 * unlisted and followers-only ones are answered in their thread, whose root is `threadId`.
 */
export function mentionItem(
  status: MastodonStatus,
  options: { instanceUrl: string; threadId: string | null },
): InboundItem {
  const acct = canonicalAcct(status.account.acct, options.instanceUrl);
  return {
    type: "message",
    message: {
      externalId: status.id,
      threadId: options.threadId,
      // A reply continues the conversation holding the status it answers (a direct answer to
      // Relais's direct status stays in the conversation that status was sent from).
      references: status.in_reply_to_id ? [status.in_reply_to_id] : undefined,
      inReplyToExternalId: status.in_reply_to_id ?? null,
      text: statusText(status),
      visibility: status.visibility === "direct" ? "private" : "public",
      sentAt: new Date(status.created_at),
      contact: {
        identity: {
          kind: "mastodon",
          value: acct,
          handle: `@${acct}`,
          displayName: status.account.display_name || status.account.username,
          avatarUrl: status.account.avatar ?? null,
          followers: status.account.followers_count ?? null,
        },
        name: status.account.display_name || null,
        locale: status.language ?? null,
      },
      attachments: status.media_attachments.flatMap(attachmentOf),
      metadata: { mastodonVisibility: status.visibility, url: status.url ?? status.uri ?? null },
    },
  };
}

/** An `update` notification: a status Relais stored was edited. */
export function editItem(status: MastodonStatus): InboundItem {
  return {
    type: "edit",
    externalId: status.id,
    text: statusText(status),
    at: status.edited_at ? new Date(status.edited_at) : undefined,
  };
}

function attachmentOf(media: MastodonStatus["media_attachments"][number]): InboundAttachment[] {
  const url = media.url ?? media.remote_url;
  if (!url) return [];
  const filename = new URL(url).pathname.split("/").pop() || "media";
  const extension = filename.split(".").pop()?.toLowerCase() ?? "";
  const known: Record<string, string> = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    gif: "image/gif",
    webp: "image/webp",
    mp4: "video/mp4",
    webm: "video/webm",
    mp3: "audio/mpeg",
    ogg: "audio/ogg",
  };
  const fallback: Record<string, string> = {
    image: "image/jpeg",
    gifv: "video/mp4",
    video: "video/mp4",
  };
  return [
    {
      filename,
      contentType: known[extension] ?? fallback[media.type] ?? "application/octet-stream",
      url,
    },
  ];
}
