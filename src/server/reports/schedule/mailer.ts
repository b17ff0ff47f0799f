import { splitAddress } from "../../channels/email/addresses.ts";
import type { EmailChannel } from "../../channels/email/config.ts";
import { failureFromSmtpError, relayTransport } from "../../channels/email/outbound.ts";
import type { SendResult } from "../../channels/provider.ts";

export interface ReportMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable for one schedule and period, so that a receiving server can spot a repeat. */
  messageId: string;
  attachment: { filename: string; content: string };
}

/** The Message-ID of one period's report, on the channel's domain. */
export function reportMessageId(
  channel: EmailChannel,
  scheduleId: string,
  periodStart: Date,
): string {
  const domain = splitAddress(channel.config.address)?.domain ?? "relais.invalid";
  return `<relais.report.${scheduleId}.${periodStart.getTime()}@${domain}>`;
}

/**
 * Sends a report through the email channel's SMTP relay, From the channel's address. A 5xx
 * answer is final; 4xx and network errors are retried (as agents' replies are).
 */
export async function sendReportMail(
  channel: EmailChannel,
  mail: ReportMail,
  timeoutMs: number,
): Promise<SendResult> {
  if (!channel.secrets.smtpUrl) {
    return { ok: false, retryable: false, reason: "The email channel has no SMTP relay." };
  }
  const transport = relayTransport(channel.secrets.smtpUrl, channel, timeoutMs);
  try {
    const info = await transport.sendMail({
      from: { name: channel.config.fromName ?? channel.row.name, address: channel.config.address },
      to: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      text: mail.text,
      html: mail.html,
      attachments: [
        {
          filename: mail.attachment.filename,
          content: mail.attachment.content,
          contentType: "text/csv; charset=utf-8",
          contentDisposition: "attachment" as const,
        },
      ],
    });
    return {
      ok: true,
      status: "sent",
      externalId: mail.messageId,
      metadata: { info: info.response },
    };
  } catch (error) {
    return failureFromSmtpError(error);
  } finally {
    transport.close();
  }
}
