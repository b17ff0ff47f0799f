import type { Kysely } from "kysely";
import type { Visibility } from "../../shared/enums.ts";
import type { TEmailHeaders } from "../../shared/replies.ts";
import {
  checkAttachmentsAllowed,
  checkAttachmentsFit,
  findUploads,
  linkUploads,
} from "../attachments/uploads.ts";
import type { Actor } from "../auth/actor.ts";
import type { ReplyTemplate } from "../channels/provider.ts";
import { checkReplyTarget } from "../channels/replyTarget.ts";
import { findChannel, resolveChannel } from "../channels/resolve.ts";
import type { Conversation, DB, Message } from "../db/schema.ts";
import { notFound, unprocessable } from "../errors.ts";
import { recordEvent } from "../events/outbox.ts";
import { customerLanguage, customerString } from "../i18n/customer.ts";
import { lockConversation } from "../models/conversations.ts";
import type { Services } from "../services.ts";
import { customerLocaleOf } from "../sla/customerLocale.ts";
import { withNextStep } from "../sla/nextStep.ts";
import { deliveryScheduler } from "./deliveryScheduler.ts";
import { mentionableUsers, mentionNotifier } from "./mentionNotifier.ts";
import { promiseMaker } from "./promiseMaker.ts";
import {
  assignOnReply,
  checkEmailHeaders,
  finalReplyText,
  type ReplyChannel,
} from "./replyExtras.ts";

export interface ReplySenderProps {
  actor: Actor;
  conversationId: string;
  text: string;
  kind: "reply" | "note";
  /** Defaults to the conversation's own visibility: public threads are answered in public. */
  visibility?: Visibility;
  /** A provider-approved template (WhatsApp outside the customer-service window). */
  template?: ReplyTemplate;
  /** The account's uploads not yet sent, to carry with this reply or note. */
  attachmentIds?: string[];
  /**
   * Written by Relais, not by the agent it is sent as (callback notices, promise follow-ups):
   * it neither counts as a response nor stops the customer's wait.
   */
  automatic?: boolean;
  /** Extra metadata kept on the message. */
  metadata?: Record<string, unknown>;
  /**
   * A next step the customer is promised: the reply ends with it and its time in their language
   * and zone, and a promise is kept for it (followed up when it comes due unkept).
   */
  nextStep?: { text: string; dueAt: Date; followUp: boolean };
  /** Teammates @mentioned in a note: kept on it (`metadata.mentions`) and notified. */
  mentions?: string[];
  /** An email reply's own subject and recipients (kept on the message, sent as such). */
  email?: TEmailHeaders;
}

function templatePreview(template: ReplyTemplate | undefined): string {
  if (!template) return "";
  const variables = template.variables.length ? ` (${template.variables.join(", ")})` : "";
  return `[${template.name}]${variables}`;
}

/**
 * The channel's provider may refuse a reply before anything is stored or sent; returns the
 * channel and its provider, whose declared capabilities (attachments, length) the reply must fit.
 */
async function checkWithProvider(
  services: Services,
  trx: Kysely<DB>,
  conversation: Conversation,
  visibility: Visibility,
  template: ReplyTemplate | null,
): Promise<ReplyChannel | null> {
  if (!conversation.channel_id) return null;
  const channel = await findChannel(trx, conversation.account_id, conversation.channel_id);
  if (!channel) return null;
  if (channel.config.canSend === false) {
    throw unprocessable("reply_refused", "This channel holds imported history and cannot send.");
  }
  const { provider, channel: resolved } = resolveChannel(channel, services.secrets);
  const refusal = provider.checkReply?.(resolved, { conversation, visibility, template });
  if (refusal) throw unprocessable("reply_refused", refusal);
  await checkReplyTarget(trx, provider, resolved, conversation, visibility);
  if (template && !provider.checkReply) {
    throw unprocessable("templates_unsupported", "This channel does not use message templates.");
  }
  return { row: channel, provider };
}

/**
 * A public conversation answered privately gets a short public acknowledgement in the
 * customer's language, in the same thread, so onlookers see the brand did answer.
 */
async function acknowledgePublicly(
  services: Services,
  trx: Kysely<DB>,
  conversation: Conversation,
  actor: Actor,
  now: Date,
) {
  const contact = await trx
    .selectFrom("contacts")
    .select("locale")
    .where("account_id", "=", conversation.account_id)
    .where("id", "=", conversation.contact_id)
    .executeTakeFirst();
  const account = await trx
    .selectFrom("accounts")
    .select("locale")
    .where("id", "=", conversation.account_id)
    .executeTakeFirstOrThrow();
  const language = customerLanguage(conversation.language, contact?.locale, account.locale);
  const ack = await trx
    .insertInto("messages")
    .values({
      account_id: conversation.account_id,
      conversation_id: conversation.id,
      channel_id: conversation.channel_id,
      direction: "out",
      author_user_id: actor.userId,
      text: customerString("reply.privateAcknowledgement", language),
      visibility: "public",
      delivery_status: "queued",
      metadata: JSON.stringify({ acknowledgesPrivateReply: true }),
      created_at: new Date(now.getTime() + 1),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await deliveryScheduler(services, trx, ack);
  await recordEvent(trx, {
    accountId: conversation.account_id,
    name: "message.created",
    payload: { conversationId: conversation.id, messageId: ack.id },
    actorUserId: actor.userId,
  });
}

/**
 * Adds an agent's reply or internal note. A reply is stored as `queued` and its delivery job is
 * enqueued in the same transaction, so it is sent if and only if it was saved. The caller has
 * authorized the actor to reply or note.
 */
export async function replySender(services: Services, props: ReplySenderProps): Promise<Message> {
  const { actor } = props;
  return services.db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, actor.accountId, props.conversationId);
    if (!conversation) throw notFound("Conversation");

    const isReply = props.kind === "reply";
    if (isReply && !conversation.channel_id) {
      throw unprocessable("no_channel", "This conversation has no channel to answer on.");
    }
    const visibility = isReply ? (props.visibility ?? conversation.visibility) : "private";
    const channel = isReply
      ? await checkWithProvider(services, trx, conversation, visibility, props.template ?? null)
      : null;
    const provider = channel?.provider;
    if (isReply) checkEmailHeaders(channel, props.email);
    const attachmentIds = props.attachmentIds ?? [];
    // A channel that cannot carry files refuses them before the uploads are even looked at.
    if (isReply && attachmentIds.length > 0) checkAttachmentsAllowed(provider?.attachments);
    const files = await findUploads(trx, actor.accountId, attachmentIds);
    if (isReply) checkAttachmentsFit(provider?.attachments, files);
    const now = new Date();
    const nextStep = isReply ? props.nextStep : undefined;
    const written = props.text || templatePreview(props.template);
    const reply = await finalReplyText(trx, {
      actor,
      channel,
      text: nextStep
        ? withNextStep(written, { ...nextStep, ...(await customerLocaleOf(trx, conversation)) })
        : written,
      visibility,
      automatic: props.automatic === true,
    });
    const mentioned = isReply ? [] : await mentionableUsers(trx, actor, props.mentions ?? []);
    const message = await trx
      .insertInto("messages")
      .values({
        account_id: actor.accountId,
        conversation_id: conversation.id,
        channel_id: conversation.channel_id,
        direction: isReply ? "out" : "note",
        author_user_id: actor.userId,
        text: reply.text,
        attachments: JSON.stringify(files),
        visibility,
        metadata: JSON.stringify({
          ...props.metadata,
          ...(props.template && { template: props.template }),
          ...(props.automatic && { automatic: true }),
          ...(mentioned.length > 0 && { mentions: mentioned.map((user) => user.id) }),
          ...(reply.signed && { signed: true }),
          ...(isReply && props.email && { emailHeaders: props.email }),
        }),
        delivery_status: isReply ? "queued" : null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await linkUploads(trx, actor.accountId, message.id, files);
    await mentionNotifier(trx, { actor, conversation, messageId: message.id, mentioned });
    if (nextStep) {
      await promiseMaker(services, trx, {
        accountId: actor.accountId,
        conversationId: conversation.id,
        messageId: message.id,
        text: nextStep.text,
        dueAt: nextStep.dueAt,
        followUp: nextStep.followUp,
        userId: actor.userId,
      });
    }

    if (isReply) {
      await deliveryScheduler(services, trx, message);
      const taken = !props.automatic && (await assignOnReply(trx, { actor, conversation }));
      if (conversation.visibility === "public" && message.visibility === "private") {
        await acknowledgePublicly(services, trx, conversation, actor, now);
      }
      // The first response is counted when a reply is sent (messageDeliverer), not here.
      await trx
        .updateTable("conversations")
        .set({
          ...(!props.automatic && { waiting_since: null }),
          last_message_at: now,
          updated_at: now,
        })
        .where("account_id", "=", actor.accountId)
        .where("id", "=", conversation.id)
        .execute();
      await recordEvent(trx, {
        accountId: actor.accountId,
        name: "conversation.updated",
        payload: {
          conversationId: conversation.id,
          changes: taken ? ["waitingSince", "assigneeId"] : ["waitingSince"],
        },
        actorUserId: actor.userId,
      });
    }
    await recordEvent(trx, {
      accountId: actor.accountId,
      name: "message.created",
      payload: { conversationId: conversation.id, messageId: message.id },
      actorUserId: actor.userId,
    });
    return message;
  });
}
