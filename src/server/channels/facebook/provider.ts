import { z } from "zod";
import { PAGE_OPTIONS, ZPageConfig, ZPageSecrets } from "../meta/config.ts";
import { messagingItems, rememberSent, sentRecords } from "../meta/messaging.ts";
import { messengerProfile } from "../meta/profile.ts";
import {
  fail,
  isGraphResult,
  privateAnswerBody,
  publicTarget,
  sendThroughGraph,
} from "../meta/send.ts";
import {
  acknowledgeEvent,
  parseEnvelope,
  verifyMetaSignature,
  verifyTokenHandshake,
  ZMetaId,
} from "../meta/webhook.ts";
import { metaReplyRefusal } from "../meta/window.ts";
import type { ChannelProvider, InboundItem, ResolvedChannel, SendResult } from "../provider.ts";
import type { ReplyTargetPolicy } from "../replyTarget.ts";
import { feedItems } from "./feed.ts";

export const ZFacebookConfig = ZPageConfig;
export const ZFacebookSecrets = ZPageSecrets;
type Config = z.infer<typeof ZFacebookConfig>;
type Secrets = z.infer<typeof ZFacebookSecrets>;
type FacebookChannel = ResolvedChannel<Config, Secrets>;

const ZPageEntry = z.object({
  id: ZMetaId,
  time: z.number().optional(),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
});

/** Send API: `{"recipient_id", "message_id"}`; a comment: `{"id"}`. */
interface SendApiAnswer {
  recipient_id?: string;
  message_id?: string;
}
interface CommentAnswer {
  id?: string;
}

function credentials(channel: FacebookChannel) {
  return {
    baseUrl: channel.config.graphUrl,
    accessToken: channel.secrets.pageToken,
    appSecret: channel.secrets.appSecret,
  };
}

/**
 * Facebook: Messenger conversations (private) and comments on the Page's posts (public), on
 * the Messenger Platform and the Pages API, through one Page's webhooks.
 */
export const facebookProvider: ChannelProvider<Config, Secrets> &
  ReplyTargetPolicy<Config, Secrets> = {
  kind: "facebook",
  identityKind: "facebook",
  configSchema: ZFacebookConfig,
  secretsSchema: ZFacebookSecrets,
  idempotentSend: false,
  privateReach: "private_reply",
  cliOptions: PAGE_OPTIONS,

  handshake: (channel, request) => verifyTokenHandshake(channel.secrets.verifyToken, request),

  verify(channel, request) {
    verifyMetaSignature(channel.secrets.appSecret, request);
  },

  parse(channel, request): InboundItem[] {
    const envelope = parseEnvelope(request);
    if (envelope.object !== "page") return [];
    const pageId = channel.config.pageId;
    const context = {
      identityKind: "facebook" as const,
      brandId: pageId,
      sent: sentRecords(channel.row.state),
    };
    const items: InboundItem[] = [];
    for (const raw of envelope.entry) {
      const entry = ZPageEntry.safeParse(raw);
      // One Meta app may serve several Pages: only this channel's Page is ours.
      if (!entry.success || entry.data.id !== pageId) continue;
      for (const event of entry.data.messaging ?? []) items.push(...messagingItems(event, context));
      for (const change of entry.data.changes ?? []) {
        if (change.field === "feed")
          items.push(...feedItems(change.value, pageId, entry.data.time));
      }
    }
    return items;
  },

  acknowledge: acknowledgeEvent,

  /** Messenger's User Profile API: a PSID's first and last name and profile picture. */
  async describeIdentity(channel, identity, context) {
    if (identity.kind !== "facebook") return null;
    return messengerProfile(
      credentials(channel),
      channel.row.state,
      identity.value,
      context.timeoutMs,
    );
  },

  checkReply(_channel, reply) {
    if (reply.template) return "Facebook does not use message templates.";
    if (reply.visibility === "public" && reply.conversation.visibility === "private") {
      return "A Messenger conversation can only be answered privately.";
    }
    return null;
  },

  /** Meta's windows: 24 hours, then 7 days with the Human Agent tag; Private Replies once in 7 days. */
  checkReplyTarget(channel, check) {
    return metaReplyRefusal(check, channel.config.humanAgent, "Messenger");
  },

  async send(channel, outbound, context): Promise<SendResult> {
    const { message, recipient } = outbound;
    const target = publicTarget(outbound);
    const state = channel.row.state;

    if (message.visibility === "public") {
      if (!target) return fail("There is no public comment to answer in this conversation.");
      // Pages API: a reply in the thread, under the customer's top-level comment.
      const result = await sendThroughGraph<CommentAnswer>(
        credentials(channel),
        state,
        { method: "POST", path: `${target.threadRoot}/comments`, body: { message: message.text } },
        context,
      );
      if (!isGraphResult(result)) return result;
      if (!result.ok) return result.failure;
      return { ok: true, externalId: result.data.id ?? null, status: "sent" };
    }

    // A private answer to a public comment is a Private Reply, addressed by the comment;
    // otherwise the Send API answers the customer's Messenger conversation.
    const recipientField = target
      ? target.item === "post"
        ? { post_id: target.id }
        : { comment_id: target.id }
      : recipient
        ? { id: recipient.value }
        : null;
    if (!recipientField) return fail("This customer has no Messenger id to answer.");
    // Checked again now: nothing leaves outside the windows Meta allows.
    const answer = privateAnswerBody(
      outbound,
      target,
      recipientField,
      channel.config.humanAgent,
      "Messenger",
    );
    if (!answer.ok) return fail(answer.reason);
    // Taken before the call: Meta stamps the message later, so a watermark at or after its
    // timestamp is also at or after this.
    const startedAt = Date.now();
    const result = await sendThroughGraph<SendApiAnswer>(
      credentials(channel),
      state,
      { method: "POST", path: `${channel.config.pageId}/messages`, body: answer.body },
      context,
    );
    if (!isGraphResult(result)) return result;
    if (!result.ok) return result.failure;
    const mid = result.data.message_id ?? null;
    const to = result.data.recipient_id ?? recipient?.value;
    // Messenger's read receipts carry only a watermark: keep what was sent to whom, and when.
    if (mid && to) await context.saveState(rememberSent(state, { mid, to, at: startedAt }));
    return {
      ok: true,
      externalId: mid,
      status: "sent",
      metadata: target ? { privateReplyTo: target.id } : undefined,
    };
  },
};
