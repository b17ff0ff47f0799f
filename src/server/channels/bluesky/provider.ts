import { z } from "zod";
import type { Identity, Message } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { failureFromError, type HttpResponse } from "../http.ts";
import type { ChannelProvider, ResolvedChannel, SendResult } from "../provider.ts";
import type { StrongRef } from "./parse.ts";
import { pollBluesky } from "./poll.ts";
import { writeFailure, XrpcClient, xrpcFailure, ZSession } from "./xrpc.ts";

export const ZBlueskyConfig = z.object({
  handle: z.string().min(3),
  serviceUrl: z.string().url().default("https://bsky.social"),
  /** Seconds between two polls of notifications and chats; 0 pauses polling. */
  pollSeconds: z.number().int().min(0).max(86_400).default(30),
});
export const ZBlueskySecrets = z.object({ appPassword: z.string().min(1) });
type BlueskyChannel = ResolvedChannel<
  z.infer<typeof ZBlueskyConfig>,
  z.infer<typeof ZBlueskySecrets>
>;

const ZBlueskyState = z.object({
  session: ZSession.nullish().catch(null),
  notificationsSeenAt: z.string().nullish().catch(null),
  chatCursor: z.string().nullish().catch(null),
});
const ZRef = z.object({ uri: z.string(), cid: z.string() });

function stateOf(channel: BlueskyChannel) {
  return ZBlueskyState.parse(channel.row.state ?? {});
}

function clientOf(
  channel: BlueskyChannel,
  context: { timeoutMs: number; allowPrivateAddresses: boolean },
): XrpcClient {
  return new XrpcClient(
    {
      serviceUrl: channel.config.serviceUrl,
      identifier: channel.config.handle,
      password: channel.secrets.appPassword,
      timeoutMs: context.timeoutMs,
      publicOnly: !context.allowPrivateAddresses,
    },
    stateOf(channel).session ?? null,
  );
}

/**
 * Bluesky: mentions, replies and quotes from the notifications, DMs from the chat log (both
 * polled); replies as posts with correct root and parent references, private answers as chat
 * messages. The session is cached in the channel's state and refreshed when it expires.
 */
export const blueskyProvider: ChannelProvider<
  z.infer<typeof ZBlueskyConfig>,
  z.infer<typeof ZBlueskySecrets>
> = {
  kind: "bluesky",
  identityKind: "bluesky",
  configSchema: ZBlueskyConfig,
  secretsSchema: ZBlueskySecrets,
  // Neither createRecord nor sendMessage takes an idempotency key.
  idempotentSend: false,
  privateReach: "direct_message",
  // A post record's text: 300 graphemes (app.bsky.feed.post lexicon, maxGraphemes).
  publicReplyLimit: 300,
  cliOptions: [
    {
      flag: "--handle <handle>",
      description: "the brand account's handle, e.g. maisonlumiere.bsky.social",
      into: "config",
      key: "handle",
      required: true,
    },
    {
      flag: "--app-password <password>",
      description: "an app password of the brand account (allowing DMs to answer privately)",
      into: "secrets",
      key: "appPassword",
      required: true,
    },
    {
      flag: "--service-url <url>",
      description: "the account's service (default https://bsky.social)",
      into: "config",
      key: "serviceUrl",
    },
    {
      flag: "--poll-seconds <n>",
      description: "seconds between two polls (default 30)",
      into: "config",
      key: "pollSeconds",
      type: "number",
    },
  ],

  verify() {
    throw new AppError(404, "no_webhook", "Bluesky channels fetch their notifications.");
  },
  parse() {
    return [];
  },

  checkReply(_channel, { conversation, visibility }) {
    if (conversation.visibility === "private" && visibility === "public") {
      return "A private conversation on Bluesky cannot be answered with a public post.";
    }
    return null;
  },

  async send(channel, { message, recipient, inReplyTo }, context) {
    const client = clientOf(channel, context);
    try {
      const result =
        message.visibility === "public"
          ? await replyInThread(client, message, inReplyTo, recipient)
          : await sendChat(client, message, recipient);
      if (client.changed) await context.saveState({ session: client.session });
      return result;
    } catch (error) {
      return failureFromError(error);
    }
  },

  pollIntervalSeconds(channel) {
    return channel.config.pollSeconds > 0 ? channel.config.pollSeconds : null;
  },

  async poll(channel, context) {
    const state = stateOf(channel);
    return pollBluesky(
      clientOf(channel, context),
      {
        notificationsSeenAt: state.notificationsSeenAt ?? null,
        chatCursor: state.chatCursor ?? null,
      },
      context,
    );
  },
};

/** A post answering the customer's: parent is their post, root the root of its thread. */
async function replyInThread(
  client: XrpcClient,
  message: Message,
  inReplyTo: Message | null,
  recipient: Identity | null,
): Promise<SendResult> {
  const cid = inReplyTo?.metadata.cid;
  if (!inReplyTo?.external_id || inReplyTo.visibility !== "public" || typeof cid !== "string") {
    return refuse("There is no public post to answer in this conversation.");
  }
  const parent: StrongRef = { uri: inReplyTo.external_id, cid };
  const root = ZRef.safeParse(inReplyTo.metadata.root);
  const reply = { root: root.success ? root.data : parent, parent };
  const refused = await client.ensureSession();
  if (refused) return xrpcFailure(refused);
  const facets = mentionFacets(message.text, recipient);
  const response = await write(() =>
    client.call("POST", "com.atproto.repo.createRecord", {
      json: {
        repo: client.session?.did,
        collection: "app.bsky.feed.post",
        record: {
          $type: "app.bsky.feed.post",
          text: message.text,
          createdAt: new Date().toISOString(),
          reply,
          ...(facets.length ? { facets } : {}),
        },
      },
    }),
  );
  if ("ok" in response) return response;
  if (response.status !== 200) return xrpcFailure(response);
  // Posted: an answer we cannot read must not make us post again.
  const created = ZRef.safeParse(parseJson(response.text)).data;
  return {
    ok: true,
    externalId: created?.uri ?? null,
    status: "sent",
    metadata: { cid: created?.cid ?? null, root: reply.root },
  };
}

/** A private answer: the conversation with the customer, then a message in it. */
async function sendChat(
  client: XrpcClient,
  message: Message,
  recipient: Identity | null,
): Promise<SendResult> {
  if (!recipient) return refuse("This customer has no Bluesky account to write to.");
  const convo = await client.call("GET", "chat.bsky.convo.getConvoForMembers", {
    query: [["members", recipient.value]],
    chat: true,
  });
  if (convo.status !== 200) return xrpcFailure(convo);
  const convoId = z.object({ convo: z.object({ id: z.string() }) }).parse(JSON.parse(convo.text))
    .convo.id;
  const facets = mentionFacets(message.text, recipient);
  const response = await write(() =>
    client.call("POST", "chat.bsky.convo.sendMessage", {
      json: { convoId, message: { text: message.text, ...(facets.length ? { facets } : {}) } },
      chat: true,
    }),
  );
  if ("ok" in response) return response;
  if (response.status !== 200) return xrpcFailure(response);
  const sent = z.object({ id: z.string() }).safeParse(parseJson(response.text)).data;
  return { ok: true, externalId: sent?.id ?? null, status: "sent", metadata: { convoId } };
}

/** A mention facet (UTF-8 byte offsets) wherever the text names the customer's handle. */
export function mentionFacets(text: string, recipient: Identity | null) {
  const handle = recipient?.handle;
  if (!handle) return [];
  const mention = handle.startsWith("@") ? handle : `@${handle}`;
  const facets = [];
  const bytes = Buffer.from(text, "utf8");
  const needle = Buffer.from(mention, "utf8");
  for (let start = bytes.indexOf(needle); start >= 0; start = bytes.indexOf(needle, start + 1)) {
    const end = start + needle.length;
    // A longer handle that merely begins the same way is not this mention (a final dot is).
    const after = String.fromCharCode(bytes[end] ?? 32, bytes[end + 1] ?? 32);
    if (/^[A-Za-z0-9-]|^\.[A-Za-z0-9]/.test(after)) continue;
    facets.push({
      index: { byteStart: start, byteEnd: end },
      features: [{ $type: "app.bsky.richtext.facet#mention", did: recipient.value }],
    });
  }
  return facets;
}

/** The write itself: its answer, or why its outcome is unknown. */
async function write(call: () => Promise<HttpResponse>): Promise<HttpResponse | SendResult> {
  try {
    return await call();
  } catch (error) {
    return writeFailure(error);
  }
}

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
