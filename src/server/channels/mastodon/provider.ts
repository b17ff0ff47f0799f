import { z } from "zod";
import { AppError } from "../../errors.ts";
import { failureFromError } from "../http.ts";
import type { ChannelProvider, InboundItem, ResolvedChannel, SendResult } from "../provider.ts";
import {
  type MastodonClient,
  mastodonErrorReason,
  mastodonFailure,
  mastodonRequest,
} from "./api.ts";
import {
  compareIds,
  editItem,
  type MastodonStatus,
  mentionItem,
  ZNotification,
  ZStatus,
} from "./parse.ts";

export const ZMastodonConfig = z.object({
  instanceUrl: z.string().url(),
  /** Seconds between two polls of the notifications; 0 pauses polling. */
  pollSeconds: z.number().int().min(0).max(86_400).default(30),
});
export const ZMastodonSecrets = z.object({ accessToken: z.string().min(1) });
type MastodonChannel = ResolvedChannel<
  z.infer<typeof ZMastodonConfig>,
  z.infer<typeof ZMastodonSecrets>
>;

const ZMastodonState = z.object({ notificationsMinId: z.string().nullish().catch(null) });
const PAGE_SIZE = 40;
const MAX_PAGES = 5;
/** A reply answers with the visibility of the status it answers; direct ones stay private. */
const PUBLIC_VISIBILITIES = new Set(["public", "unlisted", "private"]);

function clientOf(channel: MastodonChannel, timeoutMs: number): MastodonClient {
  return {
    instanceUrl: channel.config.instanceUrl,
    accessToken: channel.secrets.accessToken,
    timeoutMs,
  };
}

/**
 * Mastodon: mentions and direct statuses polled from the notifications API, edits from `update`
 * notifications; replies as statuses in the thread (or `direct` ones), sent with an
 * Idempotency-Key so a retried send is never duplicated.
 */
export const mastodonProvider: ChannelProvider<
  z.infer<typeof ZMastodonConfig>,
  z.infer<typeof ZMastodonSecrets>
> = {
  kind: "mastodon",
  identityKind: "mastodon",
  configSchema: ZMastodonConfig,
  secretsSchema: ZMastodonSecrets,
  // Mastodon keeps the answer to an Idempotency-Key for an hour: asking again is harmless.
  idempotentSend: true,
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
      description: "seconds between two polls of the notifications (default 30)",
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
        clientOf(channel, context.timeoutMs),
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
   * Pages forward from the last notification seen (`min_id`), oldest page first, so a restart
   * resumes where it stopped and a burst larger than a page is never skipped.
   */
  async poll(channel, context) {
    const client = clientOf(channel, context.timeoutMs);
    const start = ZMastodonState.parse(channel.row.state ?? {}).notificationsMinId ?? null;
    let cursor = start;
    const items: InboundItem[] = [];
    const roots = new Map<string, string | null>();
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: Array<[string, string]> = [
        ["types[]", "mention"],
        ["types[]", "update"],
        ["limit", String(PAGE_SIZE)],
      ];
      if (cursor) query.push(["min_id", cursor]);
      const response = await mastodonRequest(client, "GET", "/api/v1/notifications", { query });
      if (response.status !== 200) throw new Error(mastodonErrorReason(response));
      const notifications = z.array(ZNotification).parse(JSON.parse(response.text));
      if (notifications.length === 0) break;
      notifications.sort((a, b) => compareIds(a.id, b.id));
      for (const notification of notifications) {
        const status = notification.status;
        if (!status) continue;
        if (notification.type === "update") items.push(editItem(status));
        if (notification.type !== "mention") continue;
        const threadId = await threadOf(client, status, roots, context.log);
        items.push(mentionItem(status, { instanceUrl: channel.config.instanceUrl, threadId }));
      }
      cursor = notifications.at(-1)?.id ?? cursor;
      // Without a cursor only the latest page is read: the history before the channel is not.
      if (!start || notifications.length < PAGE_SIZE) break;
    }
    return { items, state: cursor !== start ? { notificationsMinId: cursor } : undefined };
  },
};

/**
 * The conversation a status belongs to: the root of its thread, from its context (ancestors,
 * oldest first). A direct exchange that started privately has no thread: it continues the
 * customer's private conversation; a direct reply inside a public thread joins that thread.
 */
async function threadOf(
  client: MastodonClient,
  status: MastodonStatus,
  cache: Map<string, string | null>,
  log: { warn(obj: object, msg?: string): void },
): Promise<string | null> {
  if (!status.in_reply_to_id) return status.visibility === "direct" ? null : status.id;
  const known = cache.get(status.in_reply_to_id);
  if (known !== undefined) return known;
  let thread: string | null = status.in_reply_to_id;
  const response = await mastodonRequest(
    client,
    "GET",
    `/api/v1/statuses/${encodeURIComponent(status.id)}/context`,
  );
  if (response.status === 200) {
    const ancestors = ZContext.parse(JSON.parse(response.text)).ancestors;
    const root = ancestors[0];
    if (root) thread = root.visibility === "direct" ? null : root.id;
  } else {
    log.warn({ status: response.status, statusId: status.id }, "thread context unavailable");
  }
  cache.set(status.in_reply_to_id, thread);
  cache.set(status.id, thread);
  return thread;
}

const ZContext = z.object({
  ancestors: z.array(z.object({ id: z.string(), visibility: z.string().nullish() })),
});

function refuse(reason: string): SendResult {
  return { ok: false, retryable: false, reason };
}
