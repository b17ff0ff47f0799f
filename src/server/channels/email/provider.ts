import { randomSecret } from "../../crypto/tokens.ts";
import { AppError } from "../../errors.ts";
import type { ChannelProvider } from "../provider.ts";
import { baseAddress } from "./addresses.ts";
import { type EmailConfig, type EmailSecrets, ZEmailConfig, ZEmailSecrets } from "./config.ts";
import { pollImap } from "./imapPoller.ts";
import { sendEmail } from "./outbound.ts";

export { parseEmail } from "./inbound.ts";

function notByWebhook(): never {
  throw new AppError(
    404,
    "not_a_webhook_channel",
    "Email channels receive mail by SMTP and IMAP, not by webhook.",
  );
}

/**
 * Email: mail arrives through Relais' SMTP receiver (smtpReceiver.ts) or by polling IMAP
 * mailboxes, is parsed with mailparser (parseEmail in inbound.ts), and replies leave through
 * the channel's SMTP relay with threading headers and a conversation token.
 */
export const emailProvider: ChannelProvider<EmailConfig, EmailSecrets> = {
  kind: "email",
  identityKind: "email",
  configSchema: ZEmailConfig,
  secretsSchema: ZEmailSecrets,
  // A relay that took a message may still deliver it: a send with an unknown outcome is not repeated.
  idempotentSend: false,
  emailHeaders: true,
  // Base64 makes files a third larger: 18 MB of files stays under the 25 MB most relays accept.
  attachments: { maxFiles: 10, maxTotalBytes: 18 * 1024 * 1024 },
  generateSecrets: () => ({ tokenKey: randomSecret() }),
  // The SMTP receiver routes by it, plus part ignored: `support+x@` is `support@`.
  inboundAddress: (config) => baseAddress(config.address),
  cliOptions: [
    {
      flag: "--address <a>",
      description: "the address customers write to (replies come from it)",
      into: "config",
      key: "address",
      required: true,
    },
    {
      flag: "--imap-url <url>",
      description:
        "mailboxes to poll: imap[s]://user:pass@host:port/INBOX[,Other] (kept encrypted)",
      into: "secrets",
      key: "imapUrl",
    },
    {
      flag: "--smtp-url <url>",
      description: "relay for replies: smtp[s]://user:pass@host:port (kept encrypted)",
      into: "secrets",
      key: "smtpUrl",
    },
  ],

  verify() {
    notByWebhook();
  },

  parse() {
    return notByWebhook();
  },

  send(channel, outbound, context) {
    return sendEmail(channel, outbound, context.timeoutMs);
  },

  pollIntervalSeconds(channel) {
    return channel.secrets.imapUrl ? channel.config.pollIntervalSeconds : null;
  },

  poll(channel, context) {
    return pollImap(channel, context);
  },
};
