import { z } from "zod";
import { PAGE_OPTIONS, ZGraphId, ZPageConfig, ZPageSecrets } from "../meta/config.ts";
import { messagingItems } from "../meta/messaging.ts";
import { instagramProfile } from "../meta/profile.ts";
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
import { commentItems } from "./comments.ts";

export const ZInstagramConfig = ZPageConfig.extend({ igUserId: ZGraphId });
export const ZInstagramSecrets = ZPageSecrets;
type Config = z.infer<typeof ZInstagramConfig>;
type Secrets = z.infer<typeof ZInstagramSecrets>;
type InstagramChannel = ResolvedChannel<Config, Secrets>;

const ZInstagramEntry = z.object({
  id: ZMetaId,
  time: z.number().optional(),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
});

const COMMENT_FIELDS = new Set(["comments", "live_comments"]);

function credentials(channel: InstagramChannel) {
  return {
    baseUrl: channel.config.graphUrl,
    accessToken: channel.secrets.pageToken,
    appSecret: channel.secrets.appSecret,
  };
}

/**
 * Instagram (API with Facebook Login): direct messages (private) and comments on the brand's
 * media (public), with the token of the Page linked to the professional account.
 */
export const instagramProvider: ChannelProvider<Config, Secrets> &
  ReplyTargetPolicy<Config, Secrets> = {
  kind: "instagram",
  identityKind: "instagram",
  configSchema: ZInstagramConfig,
  secretsSchema: ZInstagramSecrets,
  idempotentSend: false,
  privateReach: "private_reply",
  cliOptions: [
    ...PAGE_OPTIONS,
    {
      flag: "--ig-user-id <id>",
      description: "the Instagram professional account id (IG user id)",
      into: "config",
      key: "igUserId",
      required: true,
    },
  ],

  handshake: (channel, request) => verifyTokenHandshake(channel.secrets.verifyToken, request),

  verify(channel, request) {
    verifyMetaSignature(channel.secrets.appSecret, request);
  },

  parse(channel, request): InboundItem[] {
    const envelope = parseEnvelope(request);
    if (envelope.object !== "instagram") return [];
    const igUserId = channel.config.igUserId;
    const context = { identityKind: "instagram" as const, brandId: igUserId, sent: [] };
    const items: InboundItem[] = [];
    for (const raw of envelope.entry) {
      const entry = ZInstagramEntry.safeParse(raw);
      if (!entry.success || entry.data.id !== igUserId) continue;
      for (const event of entry.data.messaging ?? []) items.push(...messagingItems(event, context));
      for (const change of entry.data.changes ?? []) {
        if (COMMENT_FIELDS.has(change.field)) {
          items.push(...commentItems(change.value, igUserId, entry.data.time));
        }
      }
    }
    return items;
  },

  acknowledge: acknowledgeEvent,

  /** Instagram Messaging's User Profile API: an IGSID's name, username and profile picture. */
  async describeIdentity(channel, identity, context) {
    if (identity.kind !== "instagram") return null;
    return instagramProfile(
      credentials(channel),
      channel.row.state,
      identity.value,
      context.timeoutMs,
    );
  },

  checkReply(_channel, reply) {
    if (reply.template) return "Instagram does not use message templates.";
    if (reply.visibility === "public" && reply.conversation.visibility === "private") {
      return "An Instagram direct conversation can only be answered privately.";
    }
    return null;
  },

  /** Meta's windows: 24 hours, then 7 days with the Human Agent tag; Private Replies once in 7 days. */
  checkReplyTarget(channel, check) {
    return metaReplyRefusal(check, channel.config.humanAgent, "Instagram");
  },

  async send(channel, outbound, context): Promise<SendResult> {
    const { message, recipient } = outbound;
    const target = publicTarget(outbound);
    const state = channel.row.state;

    if (message.visibility === "public") {
      if (!target) return fail("There is no public comment to answer in this conversation.");
      // Replies can only be made to top-level comments: answer under the thread's root.
      const result = await sendThroughGraph<{ id?: string }>(
        credentials(channel),
        state,
        { method: "POST", path: `${target.threadRoot}/replies`, body: { message: message.text } },
        context,
      );
      if (!isGraphResult(result)) return result;
      if (!result.ok) return result.failure;
      return { ok: true, externalId: result.data.id ?? null, status: "sent" };
    }

    // A Private Reply to a comment, or a message in the customer's direct conversation.
    const recipientField = target
      ? { comment_id: target.id }
      : recipient
        ? { id: recipient.value }
        : null;
    if (!recipientField) return fail("This customer has no Instagram id to answer.");
    // Checked again now: nothing leaves outside the windows Meta allows.
    const answer = privateAnswerBody(
      outbound,
      target,
      recipientField,
      channel.config.humanAgent,
      "Instagram",
    );
    if (!answer.ok) return fail(answer.reason);
    const result = await sendThroughGraph<{ recipient_id?: string; message_id?: string }>(
      credentials(channel),
      state,
      { method: "POST", path: `${channel.config.igUserId}/messages`, body: answer.body },
      context,
    );
    if (!isGraphResult(result)) return result;
    if (!result.ok) return result.failure;
    return {
      ok: true,
      externalId: result.data.message_id ?? null,
      status: "sent",
      metadata: target ? { privateReplyTo: target.id } : undefined,
    };
  },
};
