import { z } from "zod";
import { META_APP_OPTIONS, ZGraphId, ZGraphUrl, ZMetaAppSecrets } from "../meta/config.ts";
import type { GraphCredentials } from "../meta/graph.ts";
import { fail, isGraphResult, sendThroughGraph } from "../meta/send.ts";
import {
  acknowledgeEvent,
  parseEnvelope,
  verifyMetaSignature,
  verifyTokenHandshake,
} from "../meta/webhook.ts";
import type { ChannelProvider, InboundItem, ResolvedChannel, SendResult } from "../provider.ts";
import { fetchWhatsAppMedia } from "./media.ts";
import { whatsappItems, ZMessagesValue } from "./parse.ts";
import { surveyListBody } from "./survey.ts";
import {
  fetchApprovedTemplates,
  requireWabaId,
  type TemplateCatalog,
  templatePayload,
} from "./templates.ts";

export const ZWhatsAppConfig = z.object({
  phoneNumberId: ZGraphId,
  wabaId: ZGraphId.optional(),
  graphUrl: ZGraphUrl,
});
export const ZWhatsAppSecrets = ZMetaAppSecrets.extend({ accessToken: z.string().min(10) });
type Config = z.infer<typeof ZWhatsAppConfig>;
type Secrets = z.infer<typeof ZWhatsAppSecrets>;
type WhatsAppChannel = ResolvedChannel<Config, Secrets>;

/** Free-form messages are allowed only within 24 hours of the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 3_600_000;

const ZEntry = z.object({
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
});

const ZTemplate = z.object({
  name: z.string().min(1),
  language: z.string().min(2),
  variables: z.array(z.string()).default([]),
});

/** Business-scoped user ids ("US.1349…") are addressed with `recipient`, phone numbers with `to`. */
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]+$/;

interface MessagesAnswer {
  messages?: Array<{ id?: string }>;
}

/** The Graph credentials; the Graph host is checked at each call unless private ones are allowed. */
function credentials(
  channel: WhatsAppChannel,
  context: { allowPrivateAddresses: boolean },
): GraphCredentials {
  return {
    baseUrl: channel.config.graphUrl,
    accessToken: channel.secrets.accessToken,
    appSecret: channel.secrets.appSecret,
    publicOnly: !context.allowPrivateAddresses,
  };
}

/** WhatsApp Cloud API: one business phone number, its messages, statuses and templates. */
export const whatsappProvider: ChannelProvider<Config, Secrets> & TemplateCatalog<Config, Secrets> =
  {
    kind: "whatsapp",
    identityKind: "whatsapp",
    configSchema: ZWhatsAppConfig,
    secretsSchema: ZWhatsAppSecrets,
    idempotentSend: false,
    cliOptions: [
      {
        flag: "--phone-number-id <id>",
        description: "the WhatsApp business phone number id",
        into: "config",
        key: "phoneNumberId",
        required: true,
      },
      {
        flag: "--access-token <token>",
        description: "a system user access token with whatsapp_business_messaging",
        into: "secrets",
        key: "accessToken",
        required: true,
      },
      {
        flag: "--waba-id <id>",
        description: "the WhatsApp Business Account id (lists the approved templates)",
        into: "config",
        key: "wabaId",
      },
      ...META_APP_OPTIONS,
    ],

    handshake: (channel, request) => verifyTokenHandshake(channel.secrets.verifyToken, request),

    fetchMedia(channel, file, context) {
      return fetchWhatsAppMedia(credentials(channel, context), file.url, context);
    },

    verify(channel, request) {
      verifyMetaSignature(channel.secrets.appSecret, request);
    },

    parse(channel, request): InboundItem[] {
      const envelope = parseEnvelope(request);
      if (envelope.object !== "whatsapp_business_account") return [];
      const items: InboundItem[] = [];
      for (const raw of envelope.entry) {
        const entry = ZEntry.safeParse(raw);
        if (!entry.success) continue;
        for (const change of entry.data.changes) {
          if (change.field !== "messages") continue;
          const value = ZMessagesValue.safeParse(change.value);
          // One WhatsApp Business Account may have several numbers: only this channel's is ours.
          if (
            !value.success ||
            value.data.metadata.phone_number_id !== channel.config.phoneNumberId
          )
            continue;
          items.push(...whatsappItems(value.data, channel.config.graphUrl));
        }
      }
      return items;
    },

    acknowledge: acknowledgeEvent,

    checkReply(_channel, reply) {
      if (reply.visibility === "public") return "WhatsApp conversations are private.";
      if (reply.template) return null;
      const last = reply.conversation.last_inbound_at;
      if (!last || Date.now() - last.getTime() > CUSTOMER_SERVICE_WINDOW_MS) {
        return (
          "More than 24 hours have passed since the customer's last message, so WhatsApp only " +
          "accepts an approved template now. Choose a template to reopen the conversation."
        );
      }
      return null;
    },

    async send(channel, { message, recipient }, context): Promise<SendResult> {
      if (message.visibility === "public") return fail("WhatsApp conversations are private.");
      if (!recipient) return fail("This customer has no WhatsApp number to answer.");
      const template = ZTemplate.safeParse((message.metadata as Record<string, unknown>).template);
      const address = BSUID.test(recipient.value)
        ? { recipient: recipient.value }
        : { to: recipient.value };
      const body = {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        ...address,
        ...(template.success
          ? { type: "template", template: templatePayload(template.data) }
          : (surveyListBody(message) ?? {
              type: "text",
              text: { preview_url: false, body: message.text },
            })),
      };
      const result = await sendThroughGraph<MessagesAnswer>(
        credentials(channel, context),
        channel.row.state,
        { method: "POST", path: `${channel.config.phoneNumberId}/messages`, body },
        context,
      );
      if (!isGraphResult(result)) return result;
      if (!result.ok) return result.failure;
      return { ok: true, externalId: result.data.messages?.[0]?.id ?? null, status: "sent" };
    },

    listTemplates(channel, context) {
      return fetchApprovedTemplates(
        credentials(channel, context),
        requireWabaId(channel.config.wabaId),
        context.timeoutMs,
      );
    },
  };
