import { randomSecret } from "../../crypto/tokens.ts";
import { AppError } from "../../errors.ts";
import type { ChannelProvider } from "../provider.ts";
import { type ChatConfig, type ChatSecrets, ZChatConfig, ZChatSecrets } from "./config.ts";

function notByWebhook(): never {
  throw new AppError(
    404,
    "not_a_webhook_channel",
    "Chat channels receive messages through their widget (/widget/<channel-id>/live).",
  );
}

/**
 * The website chat widget. Visitors' messages arrive over the widget's WebSocket and are stored
 * by the ingester like any channel's (routes/widget). Sending an agent's reply makes it the
 * widget's: the delivery event it causes reaches the visitor's open sockets in every server
 * process (chat/hub.ts), and the widget's acknowledgement marks it delivered, then read. A
 * visitor who has left gets it by email when they gave an address (chat/offline.ts).
 */
export const chatProvider: ChannelProvider<ChatConfig, ChatSecrets> = {
  kind: "chat",
  identityKind: "chat",
  configSchema: ZChatConfig,
  secretsSchema: ZChatSecrets,
  // Making a message available to the widget twice shows it once (the widget keys by id).
  idempotentSend: true,
  // The widget shows files by signed links (thumbnails for images): no bytes travel in frames.
  attachments: { maxFiles: 10, maxTotalBytes: 100 * 1024 * 1024 },
  generateSecrets: () => ({ secret: randomSecret() }),
  cliOptions: [
    {
      flag: "--origins <list>",
      description: "comma-separated sites allowed to embed the widget (https://shop.example)",
      into: "config",
      key: "allowedOrigins",
    },
    {
      flag: "--contact-email <address>",
      description: "email address always shown in the widget",
      into: "config",
      key: "contactEmail",
    },
    {
      flag: "--contact-phone <number>",
      description: "phone number always shown in the widget",
      into: "config",
      key: "contactPhone",
    },
  ],

  verify() {
    notByWebhook();
  },

  parse() {
    return notByWebhook();
  },

  async send(_channel, { message, recipient }) {
    if (!recipient) {
      return { ok: false, retryable: false, reason: "This conversation has no chat visitor." };
    }
    return { ok: true, externalId: message.id, status: "sent" };
  },
};
