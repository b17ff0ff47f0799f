import { z } from "zod";
import { downloadMedia } from "../media.ts";
import type {
  ChannelProvider,
  CliOption,
  InboundItem,
  OutboundMessage,
  ResolvedChannel,
  SendContext,
  SendResult,
} from "../provider.ts";
import type { ReplyTargetPolicy } from "../replyTarget.ts";
import { type ZPageConfig, ZPageSecrets } from "./config.ts";
import type { GraphCredentials } from "./graph.ts";
import { messagingItems, rememberSent, type SentRecord, sentRecords } from "./messaging.ts";
import type { GraphProfile } from "./profile.ts";
import {
  fail,
  isGraphResult,
  privateAnswerBody,
  publicTarget,
  type SendRecipient,
  sendThroughGraph,
} from "./send.ts";
import {
  acknowledgeEvent,
  parseEnvelope,
  verifyMetaSignature,
  verifyTokenHandshake,
  ZMetaId,
} from "./webhook.ts";
import { type MetaNetwork, metaReplyRefusal } from "./window.ts";

type PageConfig = z.infer<typeof ZPageConfig>;
type PageSecrets = z.infer<typeof ZPageSecrets>;
type PublicTarget = NonNullable<ReturnType<typeof publicTarget>>;

const ZEntry = z.object({
  id: ZMetaId,
  time: z.number().optional(),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
});

/**
 * What tells one Meta page-like network (Facebook, Instagram) from the other; everything else
 * — the verify-token handshake, the signature, the envelope, Messenger Platform events, the
 * Send API with Meta's windows, Graph errors and throttling, media from Meta's CDN — is the same.
 */
export interface MetaPageSpec<Config extends PageConfig> {
  kind: "facebook" | "instagram";
  network: MetaNetwork;
  configSchema: z.ZodType<Config>;
  cliOptions: readonly CliOption[];
  /** The length limit of a public reply (a comment), in characters. */
  publicReplyLimit: number;
  /** The webhook envelope's `object` this network's deliveries carry. */
  envelopeObject: string;
  /** The Page or Instagram account id: its entries are ours, its own events are not inbound. */
  brandId(config: Config): string;
  /** The public items (comments, visitor posts) of one `changes[]` entry. */
  changeItems(
    change: { field: string; value: unknown },
    brandId: string,
    entryTime?: number,
  ): InboundItem[];
  /**
   * Whether read receipts carry only a watermark (Messenger): the brand's sends are then
   * remembered in the channel's state, so that a receipt can name them.
   */
  watermarkReceipts: boolean;
  /** The Graph edge a public reply is posted to, under the thread's top-level comment. */
  publicReplyEdge: "comments" | "replies";
  /** How the Send API addresses the author of a public comment or post (a Private Reply). */
  privateReplyRecipient(target: PublicTarget): SendRecipient;
  profile(
    credentials: GraphCredentials,
    state: Record<string, unknown>,
    id: string,
    timeoutMs: number,
  ): Promise<GraphProfile | null>;
  /** "A Messenger conversation can only be answered privately." */
  privateOnly: string;
}

type PageProvider<Config> = ChannelProvider<Config, PageSecrets> &
  ReplyTargetPolicy<Config, PageSecrets>;

/** A Meta channel on a Page's token: one provider written once, for Facebook and Instagram. */
export function metaPageProvider<Config extends PageConfig>(
  spec: MetaPageSpec<Config>,
): PageProvider<Config> {
  type Channel = ResolvedChannel<Config, PageSecrets>;
  const credentials = (
    channel: Channel,
    context: { allowPrivateAddresses: boolean },
  ): GraphCredentials => ({
    baseUrl: channel.config.graphUrl,
    accessToken: channel.secrets.pageToken,
    appSecret: channel.secrets.appSecret,
    publicOnly: !context.allowPrivateAddresses,
  });
  const name = spec.kind === "facebook" ? "Facebook" : "Instagram";

  /** Pages API comment replies: under the customer's top-level comment, in the thread. */
  async function sendPublic(
    channel: Channel,
    outbound: OutboundMessage,
    context: SendContext,
  ): Promise<SendResult> {
    const target = publicTarget(outbound);
    if (!target) return fail("There is no public comment to answer in this conversation.");
    const result = await sendThroughGraph<{ id?: string }>(
      credentials(channel, context),
      channel.row.state,
      {
        method: "POST",
        path: `${target.threadRoot}/${spec.publicReplyEdge}`,
        body: { message: outbound.message.text },
      },
      context,
    );
    if (!isGraphResult(result)) return result;
    if (!result.ok) return result.failure;
    return { ok: true, externalId: result.data.id ?? null, status: "sent" };
  }

  return {
    kind: spec.kind,
    identityKind: spec.kind,
    configSchema: spec.configSchema,
    secretsSchema: ZPageSecrets,
    idempotentSend: false,
    privateReach: "private_reply",
    publicReplyLimit: spec.publicReplyLimit,
    cliOptions: spec.cliOptions,

    handshake: (channel, request) => verifyTokenHandshake(channel.secrets.verifyToken, request),

    verify(channel, request) {
      verifyMetaSignature(channel.secrets.appSecret, request);
    },

    parse(channel, request): InboundItem[] {
      const envelope = parseEnvelope(request);
      if (envelope.object !== spec.envelopeObject) return [];
      const brandId = spec.brandId(channel.config);
      const sent: SentRecord[] = spec.watermarkReceipts ? sentRecords(channel.row.state) : [];
      const context = { identityKind: spec.kind, brandId, sent };
      const items: InboundItem[] = [];
      for (const raw of envelope.entry) {
        const entry = ZEntry.safeParse(raw);
        // One Meta app may serve several Pages and accounts: only this channel's is ours.
        if (!entry.success || entry.data.id !== brandId) continue;
        for (const event of entry.data.messaging ?? []) {
          items.push(...messagingItems(event, context));
        }
        for (const change of entry.data.changes ?? []) {
          items.push(...spec.changeItems(change, brandId, entry.data.time));
        }
      }
      return items;
    },

    acknowledge: acknowledgeEvent,

    /**
     * Messenger and Instagram attachments are links to Meta's CDN, signed and expiring within
     * days: the file is downloaded as it is (the link is its own credential; the Page token is
     * never sent to a CDN).
     */
    fetchMedia(_channel, file, context) {
      return downloadMedia(file.url, context);
    },

    /** The User Profile API: the name, handle and picture of a PSID or IGSID. */
    async describeIdentity(channel, identity, context) {
      if (identity.kind !== spec.kind) return null;
      return spec.profile(
        credentials(channel, context),
        channel.row.state,
        identity.value,
        context.timeoutMs,
      );
    },

    checkReply(_channel, reply) {
      if (reply.template) return `${name} does not use message templates.`;
      if (reply.visibility === "public" && reply.conversation.visibility === "private") {
        return spec.privateOnly;
      }
      return null;
    },

    /** Meta's windows: 24 hours, then 7 days with the Human Agent tag; Private Replies once in 7 days. */
    checkReplyTarget(channel, check) {
      return metaReplyRefusal(check, channel.config.humanAgent, spec.network);
    },

    async send(channel, outbound, context): Promise<SendResult> {
      if (outbound.message.visibility === "public") return sendPublic(channel, outbound, context);
      const { recipient } = outbound;
      const target = publicTarget(outbound);
      const state = channel.row.state;
      // A private answer to a public comment is a Private Reply, addressed by the comment;
      // otherwise the Send API answers the customer's direct conversation.
      const recipientField = target
        ? spec.privateReplyRecipient(target)
        : recipient
          ? { id: recipient.value }
          : null;
      if (!recipientField) return fail(`This customer has no ${spec.network} id to answer.`);
      // Checked again now: nothing leaves outside the windows Meta allows.
      const answer = privateAnswerBody(
        outbound,
        target,
        recipientField,
        channel.config.humanAgent,
        spec.network,
      );
      if (!answer.ok) return fail(answer.reason);
      // Taken before the call: Meta stamps the message later, so a watermark at or after its
      // timestamp is also at or after this.
      const startedAt = Date.now();
      const result = await sendThroughGraph<{ recipient_id?: string; message_id?: string }>(
        credentials(channel, context),
        state,
        {
          method: "POST",
          path: `${spec.brandId(channel.config)}/messages`,
          body: answer.body,
        },
        context,
      );
      if (!isGraphResult(result)) return result;
      if (!result.ok) return result.failure;
      const mid = result.data.message_id ?? null;
      const to = result.data.recipient_id ?? recipient?.value;
      if (spec.watermarkReceipts && mid && to) {
        await context.saveState(rememberSent(state, { mid, to, at: startedAt }));
      }
      return {
        ok: true,
        externalId: mid,
        status: "sent",
        metadata: target ? { privateReplyTo: target.id } : undefined,
      };
    },
  };
}
