import { z } from "zod";
import { failureFromResponse } from "../http.ts";
import {
  type ChannelProvider,
  headerValue,
  type ResolvedChannel,
  type SendResult,
} from "../provider.ts";
import type { WebhookRegistrar } from "../webhookRegistration.ts";
import {
  writeFailure,
  type XClient,
  xErrorReason,
  xRequest,
  ZCreateDmResponse,
  ZCreateTweetResponse,
} from "./api.ts";
import { fetchXMedia } from "./media.ts";
import { parseAccountActivity } from "./parse.ts";
import { pollX } from "./poll.ts";
import { crcResponse, verifyXSignature, X_SIGNATURE_HEADER } from "./signature.ts";
import { registerXWebhook } from "./webhooks.ts";

export const ZXConfig = z.object({
  /** The brand account's numeric id: its own posts and DMs are not inbound messages. */
  userId: z.string().regex(/^\d+$/, "the brand's numeric X user id"),
  apiUrl: z.string().url().default("https://api.x.com"),
  /** Polls mentions and DMs every so many seconds (accounts without Account Activity webhooks). */
  pollSeconds: z.number().int().min(0).max(86_400).nullish(),
  /** The Account Activity webhook Relais registered with X (`registerWebhook`). */
  webhookId: z.string().min(1).nullish(),
});
export const ZXSecrets = z.object({
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  accessToken: z.string().min(1),
  accessTokenSecret: z.string().min(1),
});
type XChannel = ResolvedChannel<z.infer<typeof ZXConfig>, z.infer<typeof ZXSecrets>>;

/** The API's client; its host is checked at each call unless private addresses are allowed. */
function clientOf(
  channel: XChannel,
  context: { timeoutMs: number; allowPrivateAddresses: boolean },
): XClient {
  return {
    apiUrl: channel.config.apiUrl,
    credentials: channel.secrets,
    timeoutMs: context.timeoutMs,
    publicOnly: !context.allowPrivateAddresses,
  };
}

/**
 * X (Twitter): Account Activity webhooks (CRC handshake, signed deliveries) for mentions,
 * replies and DMs, or mentions polling; replies through the v2 API signed with OAuth 1.0a.
 */
export const xProvider: ChannelProvider<z.infer<typeof ZXConfig>, z.infer<typeof ZXSecrets>> &
  WebhookRegistrar<z.infer<typeof ZXConfig>, z.infer<typeof ZXSecrets>> = {
  kind: "x",
  identityKind: "twitter",
  configSchema: ZXConfig,
  secretsSchema: ZXSecrets,
  // X has no idempotency key: a send whose outcome is unknown is never repeated.
  idempotentSend: false,
  privateReach: "direct_message",
  // A post's text: 280 characters (docs.x.com, "Counting characters").
  publicReplyLimit: 280,
  cliOptions: [
    {
      flag: "--user-id <id>",
      description: "the brand account's numeric X user id",
      into: "config",
      key: "userId",
      required: true,
    },
    {
      flag: "--consumer-key <key>",
      description: "the X app's API key",
      into: "secrets",
      key: "consumerKey",
      required: true,
    },
    {
      flag: "--consumer-secret <secret>",
      description: "the X app's API key secret (also signs webhooks)",
      into: "secrets",
      key: "consumerSecret",
      required: true,
    },
    {
      flag: "--access-token <token>",
      description: "the brand account's access token",
      into: "secrets",
      key: "accessToken",
      required: true,
    },
    {
      flag: "--access-token-secret <secret>",
      description: "the brand account's access token secret",
      into: "secrets",
      key: "accessTokenSecret",
      required: true,
    },
    {
      flag: "--api-url <url>",
      description: "the X API base URL (default https://api.x.com)",
      into: "config",
      key: "apiUrl",
    },
    {
      flag: "--poll-seconds <n>",
      description: "poll mentions and DMs every n seconds (for accounts without webhook access)",
      into: "config",
      key: "pollSeconds",
      type: "number",
    },
  ],

  /** Account Activity API: the webhook registered (or reused) and the account subscribed. */
  registerWebhook(channel, options) {
    return registerXWebhook(clientOf(channel, options), options.url, channel.config.webhookId);
  },

  /** A direct message's media, signed as the brand; a public post's stays a link. */
  fetchMedia(channel, file, context) {
    return fetchXMedia(channel.secrets, file.url, context);
  },

  handshake(channel, request) {
    const token = request.query.crc_token;
    if (request.method !== "GET" || !token) return null;
    return { status: 200, body: crcResponse(channel.secrets.consumerSecret, token) };
  },

  verify(channel, request) {
    verifyXSignature(
      channel.secrets.consumerSecret,
      headerValue(request, X_SIGNATURE_HEADER),
      request.rawBody,
    );
  },

  parse(channel, request) {
    return parseAccountActivity(request.rawBody, channel.config.userId);
  },

  checkReply(_channel, { conversation, visibility }) {
    if (conversation.visibility === "private" && visibility === "public") {
      return "A private conversation on X cannot be answered with a public post.";
    }
    return null;
  },

  async send(channel, { message, recipient, inReplyTo }, context) {
    const client = clientOf(channel, context);
    try {
      if (message.visibility === "public") {
        if (!inReplyTo?.external_id || inReplyTo.visibility !== "public") {
          return refuse("There is no public post to answer in this conversation.");
        }
        const response = await xRequest(client, "POST", "/2/tweets", {
          json: { text: message.text, reply: { in_reply_to_tweet_id: inReplyTo.external_id } },
        });
        if (response.status < 200 || response.status >= 300) {
          return failureFromResponse(response, xErrorReason(response));
        }
        // Posted: an answer we cannot read must not make us post again.
        const id = ZCreateTweetResponse.safeParse(parseJson(response.text)).data?.data.id;
        return {
          ok: true,
          externalId: id ?? null,
          status: "sent",
          metadata: id ? { url: postUrl(id) } : {},
        };
      }
      if (!recipient) return refuse("This customer has no X account to send a direct message to.");
      const response = await xRequest(
        client,
        "POST",
        `/2/dm_conversations/with/${encodeURIComponent(recipient.value)}/messages`,
        { json: { text: message.text } },
      );
      if (response.status < 200 || response.status >= 300) {
        return failureFromResponse(response, xErrorReason(response));
      }
      const data = ZCreateDmResponse.safeParse(parseJson(response.text)).data?.data;
      return {
        ok: true,
        externalId: data?.dm_event_id ?? null,
        status: "sent",
        metadata: { dmConversationId: data?.dm_conversation_id ?? null },
      };
    } catch (error) {
      return writeFailure(error, "X");
    }
  },

  pollIntervalSeconds(channel) {
    const seconds = channel.config.pollSeconds;
    return seconds && seconds > 0 ? seconds : null;
  },

  poll(channel, context) {
    return pollX(clientOf(channel, context), channel.config.userId, channel.row.state);
  },
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function refuse(reason: string): SendResult {
  return { ok: false, retryable: false, reason };
}

function postUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}
