import { AppError } from "../../errors.ts";
import { failureFromError } from "../http.ts";
import type { ChannelProvider, SendResult } from "../provider.ts";
import { mastodonFailure, mastodonRequest } from "./api.ts";
import {
  clientOf,
  type MastodonConfig,
  type MastodonSecrets,
  pollNotifications,
  ZMastodonConfig,
  ZMastodonSecrets,
} from "./notifications.ts";
import { ZStatus } from "./parse.ts";
import { streamIsLive } from "./streamLease.ts";

export { ZMastodonConfig, ZMastodonSecrets };

/** A reply answers with the visibility of the status it answers; direct ones stay private. */
const PUBLIC_VISIBILITIES = new Set(["public", "unlisted", "private"]);

/**
 * Mastodon: mentions and direct statuses from the notifications API — streamed over the
 * streaming API's WebSocket when the instance offers it (streamReceiver.ts), polled otherwise —
 * edits from `update` notifications and `status.update` events, deletions from `delete` events;
 * replies as statuses in the thread (or `direct` ones), sent with an Idempotency-Key so a
 * retried send is never duplicated.
 */
export const mastodonProvider: ChannelProvider<MastodonConfig, MastodonSecrets> = {
  kind: "mastodon",
  identityKind: "mastodon",
  configSchema: ZMastodonConfig,
  secretsSchema: ZMastodonSecrets,
  // Mastodon keeps the answer to an Idempotency-Key for an hour: asking again is harmless.
  idempotentSend: true,
  privateReach: "direct_message",
  // A status: 500 characters on a default instance (configuration.statuses.max_characters).
  publicReplyLimit: 500,
  cliOptions: [
    {
      flag: "--instance-url <url>",
      description: "the brand account's Mastodon server, e.g. https://mastodon.social",
      into: "config",
      key: "instanceUrl",
      required: true,
    },
    {
      flag: "--access-token <token>",
      description: "an access token of the brand account (read, write scopes)",
      into: "secrets",
      key: "accessToken",
      required: true,
    },
    {
      flag: "--poll-seconds <n>",
      description:
        "seconds between two polls of the notifications (default 30; 0 pauses polling, not streaming)",
      into: "config",
      key: "pollSeconds",
      type: "number",
    },
  ],

  verify() {
    throw new AppError(404, "no_webhook", "Mastodon channels fetch their notifications.");
  },
  parse() {
    return [];
  },

  checkReply(_channel, { conversation, visibility }) {
    if (conversation.visibility === "private" && visibility === "public") {
      return "A private conversation on Mastodon cannot be answered with a public status.";
    }
    return null;
  },

  async send(channel, { message, recipient, inReplyTo }, context) {
    if (!recipient) return refuse("This customer has no Mastodon account to answer.");
    const mention = `@${recipient.value}`;
    const startsWithMention = message.text.toLowerCase().startsWith(mention.toLowerCase());
    const status = startsWithMention ? message.text : `${mention} ${message.text}`;
    let visibility = "direct";
    if (message.visibility === "public") {
      if (!inReplyTo?.external_id || inReplyTo.visibility !== "public") {
        return refuse("There is no public status to answer in this conversation.");
      }
      const answered = String(inReplyTo.metadata.mastodonVisibility ?? "public");
      visibility = PUBLIC_VISIBILITIES.has(answered) ? answered : "public";
    }
    try {
      const response = await mastodonRequest(
        clientOf(channel, context),
        "POST",
        "/api/v1/statuses",
        {
          headers: { "idempotency-key": message.id },
          json: {
            status,
            visibility,
            ...(inReplyTo?.external_id ? { in_reply_to_id: inReplyTo.external_id } : {}),
          },
        },
      );
      if (response.status < 200 || response.status >= 300) return mastodonFailure(response);
      const created = ZStatus.pick({ id: true, url: true }).parse(JSON.parse(response.text));
      return {
        ok: true,
        externalId: created.id,
        status: "sent",
        metadata: { mastodonVisibility: visibility, url: created.url ?? null },
      };
    } catch (error) {
      return failureFromError(error);
    }
  },

  pollIntervalSeconds(channel) {
    return channel.config.pollSeconds > 0 ? channel.config.pollSeconds : null;
  },

  /**
   * The notifications since the last one seen (see pollNotifications). While a healthy stream
   * covers the channel (streamReceiver.ts; its lease says `connected`), this periodic poll is
   * skipped rather than slowed down: the stream's holder polls the same cursor itself on every
   * (re)connection and every few minutes as a safety net, one step at a time with the events it
   * handles, so the cursor only moves forward and an edit is never applied twice. When the
   * stream drops or the instance offers none, the lease says so (or expires) and this poll
   * takes over at the channel's own pace.
   */
  async poll(channel, context) {
    if (channel.config.streaming !== false && streamIsLive(channel.row.state)) return { items: [] };
    return pollNotifications(channel, context);
  },
};

function refuse(reason: string): SendResult {
  return { ok: false, retryable: false, reason };
}
