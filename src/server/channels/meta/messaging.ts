import { z } from "zod";
import type { InboundAttachment, InboundItem } from "../provider.ts";
import { metaDate, remoteAttachment, ZMetaId } from "./webhook.ts";

/**
 * One event of a Messenger Platform `messaging` array (Messenger and Instagram Messaging):
 * messages, echoes, edits, unsends, deliveries, reads and postbacks.
 */
const ZMessagingEvent = z.object({
  sender: z.object({ id: ZMetaId }),
  recipient: z.object({ id: ZMetaId }),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      attachments: z
        .array(
          z.object({
            type: z.string(),
            payload: z.object({ url: z.string().optional() }).nullish(),
          }),
        )
        .optional(),
      reply_to: z.object({ mid: z.string().optional() }).optional(),
    })
    .optional(),
  message_edit: z
    .object({
      mid: z.string().min(1),
      text: z.string().optional(),
      num_edit: z.number().optional(),
    })
    .optional(),
  delivery: z
    .object({ mids: z.array(z.string()).optional(), watermark: z.number().optional() })
    .optional(),
  read: z.object({ watermark: z.number().optional(), mid: z.string().optional() }).optional(),
  postback: z
    .object({
      mid: z.string().optional(),
      title: z.string().optional(),
      payload: z.string().optional(),
    })
    .optional(),
});
export type MessagingEvent = z.infer<typeof ZMessagingEvent>;

/** A message the brand sent, remembered so that watermark receipts can name it. */
export interface SentRecord {
  mid: string;
  to: string;
  at: number;
}

export interface MessagingContext {
  identityKind: "facebook" | "instagram";
  /** The Page (or Instagram account) id: its own events are echoes, never inbound. */
  brandId: string;
  /** Recent sends, for receipts that carry only a watermark (Messenger's `read`). */
  sent: readonly SentRecord[];
}

/** Normalised items for one messaging event; events Relais does not use give none. */
export function messagingItems(raw: unknown, context: MessagingContext): InboundItem[] {
  const parsed = ZMessagingEvent.safeParse(raw);
  if (!parsed.success) return [];
  const event = parsed.data;
  const at = metaDate(event.timestamp);
  const customer = event.sender.id;

  if (event.delivery) {
    const mids = event.delivery.mids?.length
      ? event.delivery.mids
      : watermarked(context, customer, event.delivery.watermark);
    return mids.map((mid) => ({ type: "status", externalId: mid, status: "delivered", at }));
  }
  if (event.read) {
    const mids = event.read.mid
      ? [event.read.mid]
      : watermarked(context, customer, event.read.watermark);
    return mids.map((mid) => ({ type: "status", externalId: mid, status: "read", at }));
  }
  // Everything below comes from the customer: the brand's own messages (echoes) never are.
  if (customer === context.brandId || event.message?.is_echo) return [];
  if (event.message_edit) {
    return [
      { type: "edit", externalId: event.message_edit.mid, text: event.message_edit.text ?? "", at },
    ];
  }
  if (event.message?.is_deleted) return [{ type: "delete", externalId: event.message.mid, at }];

  const contact = {
    identity: { kind: context.identityKind, value: customer, verified: true },
  };
  if (event.message) {
    const attachments: InboundAttachment[] = [];
    for (const attachment of event.message.attachments ?? []) {
      const url = attachment.payload?.url;
      if (url) attachments.push(remoteAttachment(attachment.type, url));
    }
    if (!event.message.text && attachments.length === 0 && !event.message.is_unsupported) {
      return [];
    }
    return [
      {
        type: "message",
        message: {
          externalId: event.message.mid,
          text: event.message.text ?? "",
          visibility: "private",
          inReplyToExternalId: event.message.reply_to?.mid ?? null,
          // Quoting one of our messages (a Private Reply kept in a public conversation, say)
          // continues the conversation that holds it.
          references: event.message.reply_to?.mid ? [event.message.reply_to.mid] : undefined,
          sentAt: at,
          contact,
          attachments,
          metadata: event.message.is_unsupported ? { unsupported: true } : undefined,
        },
      },
    ];
  }
  if (event.postback?.mid && event.postback.title) {
    return [
      {
        type: "message",
        message: {
          externalId: event.postback.mid,
          text: event.postback.title,
          visibility: "private",
          sentAt: at,
          contact,
          metadata: { postback: event.postback.payload ?? null },
        },
      },
    ];
  }
  return [];
}

/** The brand's messages to this customer sent at or before the watermark. */
function watermarked(
  context: MessagingContext,
  customer: string,
  watermark: number | undefined,
): string[] {
  if (watermark === undefined) return [];
  return context.sent
    .filter((sent) => sent.to === customer && sent.at <= watermark)
    .map((sent) => sent.mid);
}

const ZSentRecords = z.array(z.object({ mid: z.string(), to: z.string(), at: z.number() }));
const SENT_KEPT = 200;
const SENT_KEPT_MS = 14 * 86_400_000;

/** The recent sends kept in the channel's state (see `rememberSent`). */
export function sentRecords(state: Record<string, unknown>): SentRecord[] {
  const parsed = ZSentRecords.safeParse(state.metaSent);
  return parsed.success ? parsed.data : [];
}

/** The state to save after a send: the newest sends, a bounded list. */
export function rememberSent(
  state: Record<string, unknown>,
  record: SentRecord,
  now = Date.now(),
): Record<string, unknown> {
  const kept = sentRecords(state).filter((sent) => now - sent.at < SENT_KEPT_MS);
  return { metaSent: [...kept, record].slice(-SENT_KEPT) };
}
