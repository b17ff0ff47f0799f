import { z } from "zod";
import { graphUrl as mediaUrl } from "../meta/graph.ts";
import { metaDate, ZMetaId } from "../meta/webhook.ts";
import type { InboundAttachment, InboundItem } from "../provider.ts";

const ZMedia = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const ZMessage = z.object({
  id: z.string().min(1),
  from: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: ZMedia.optional(),
  document: ZMedia.optional(),
  audio: ZMedia.optional(),
  video: ZMedia.optional(),
  sticker: ZMedia.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
  context: z.object({ id: z.string().optional() }).optional(),
});

const ZStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  errors: z
    .array(
      z.object({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

/** `contacts[]`: the sender's profile name, wa_id, and (for usernames) business-scoped user id. */
const ZContact = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

export const ZMessagesValue = z.object({
  metadata: z.object({ phone_number_id: ZMetaId }),
  contacts: z.array(ZContact).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

const MEDIA_TYPES = ["image", "document", "audio", "video", "sticker"] as const;
const DELIVERY = new Set(["sent", "delivered", "read", "failed"]);
/** System notices (number changes), reactions and ephemeral events are not customer messages. */
const SKIPPED = new Set(["system", "reaction", "ephemeral", "request_welcome"]);

/** The items of one `messages` change value of a WhatsApp Business Account webhook. */
export function whatsappItems(
  value: z.infer<typeof ZMessagesValue>,
  graphUrl: string,
): InboundItem[] {
  const items: InboundItem[] = [];
  for (const raw of value.statuses ?? []) {
    const status = ZStatus.safeParse(raw);
    if (!status.success || !DELIVERY.has(status.data.status)) continue;
    const error = status.data.errors?.[0];
    items.push({
      type: "status",
      externalId: status.data.id,
      status: status.data.status as "sent" | "delivered" | "read" | "failed",
      error: error
        ? `${error.title ?? error.message ?? "Failed"}${error.error_data?.details ? `: ${error.error_data.details}` : ""}${error.code !== undefined ? ` (code ${error.code})` : ""}`
        : null,
      at: metaDate(status.data.timestamp),
    });
  }
  for (const raw of value.messages ?? []) {
    const parsed = ZMessage.safeParse(raw);
    if (!parsed.success || SKIPPED.has(parsed.data.type)) continue;
    const message = parsed.data;
    const contact =
      value.contacts?.find((candidate) => candidate.wa_id && candidate.wa_id === message.from) ??
      value.contacts?.[0];
    const waId = contact?.wa_id ?? message.from;
    const identityValue = waId ?? contact?.user_id;
    if (!identityValue) continue;
    const name = contact?.profile?.name ?? null;
    const { text, attachments, media } = content(message, graphUrl);
    items.push({
      type: "message",
      message: {
        externalId: message.id,
        inReplyToExternalId: message.context?.id ?? null,
        references: message.context?.id ? [message.context.id] : undefined,
        text,
        visibility: "private",
        sentAt: metaDate(message.timestamp),
        contact: {
          identity: {
            kind: "whatsapp",
            value: identityValue,
            displayName: name,
            handle: contact?.profile?.username ?? (waId ? `+${waId}` : null),
            verified: true,
          },
          name,
          // WhatsApp has checked the number: a verified claim that joins the same customer's
          // phone identity.
          phone: waId ? `+${waId}` : null,
        },
        attachments,
        metadata: media.length ? { media } : { type: message.type },
      },
    });
  }
  return items;
}

function content(message: z.infer<typeof ZMessage>, graphUrl: string) {
  const attachments: InboundAttachment[] = [];
  const media: Array<{ id: string; type: string; mimeType: string | null; sha256: string | null }> =
    [];
  for (const type of MEDIA_TYPES) {
    const file = message[type];
    if (!file) continue;
    const contentType = file.mime_type?.split(";")[0]?.trim() || "application/octet-stream";
    attachments.push({
      filename: file.filename ?? `${type}-${file.id}`,
      contentType,
      // The media node: Graph answers it (with the token) with a short-lived download URL.
      url: mediaUrl(graphUrl, file.id),
    });
    media.push({
      id: file.id,
      type,
      mimeType: file.mime_type ?? null,
      sha256: file.sha256 ?? null,
    });
    return { text: file.caption ?? "", attachments, media };
  }
  if (message.text) return { text: message.text.body, attachments, media };
  if (message.location) {
    const { latitude, longitude, name, address } = message.location;
    const label = [name, address].filter(Boolean).join(", ");
    return {
      text: `📍 ${label ? `${label} ` : ""}(${latitude}, ${longitude})`,
      attachments,
      media,
    };
  }
  if (message.button) return { text: message.button.text, attachments, media };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply) return { text: reply.title, attachments, media };
  return { text: `[${message.type}]`, attachments, media };
}
