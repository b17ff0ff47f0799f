import type { EmailChannel } from "../channels/email/config.ts";
import { escapeHtml, failureFromSmtpError, relayTransport } from "../channels/email/outbound.ts";
import type { SendResult } from "../channels/provider.ts";
import { resolveChannel } from "../channels/resolve.ts";
import type { Services } from "../services.ts";

/** The account's first email channel with an SMTP relay: the one notifications are sent through. */
export async function notificationMailer(
  services: Pick<Services, "db" | "secrets">,
  accountId: string,
): Promise<EmailChannel | null> {
  const rows = await services.db
    .selectFrom("channels")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("kind", "=", "email")
    .where("disabled_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const row of rows) {
    const email = resolveChannel(row, services.secrets).channel as EmailChannel;
    if (email.secrets.smtpUrl) return email;
  }
  return null;
}

export async function hasNotificationMailer(
  services: Pick<Services, "db" | "secrets">,
  accountId: string,
): Promise<boolean> {
  return (await notificationMailer(services, accountId)) !== null;
}

export interface NotificationMail {
  to: string;
  subject: string;
  link: string | null;
  linkText: string;
  /** Stable per notification and agent, so a receiving server can spot a repeat. */
  messageId: string;
}

/** One notification to one agent, From the channel's address, through its SMTP relay. */
export async function sendNotificationMail(
  channel: EmailChannel,
  mail: NotificationMail,
  timeoutMs: number,
): Promise<SendResult> {
  if (!channel.secrets.smtpUrl) {
    return { ok: false, retryable: false, reason: "The email channel has no SMTP relay." };
  }
  const transport = relayTransport(channel.secrets.smtpUrl, channel, timeoutMs);
  try {
    await transport.sendMail({
      from: { name: channel.config.fromName ?? channel.row.name, address: channel.config.address },
      to: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      text: mail.link ? `${mail.subject}\n\n${mail.linkText}: ${mail.link}\n` : `${mail.subject}\n`,
      html: `<p>${escapeHtml(mail.subject)}</p>${
        mail.link
          ? `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.linkText)}</a></p>`
          : ""
      }`,
    });
    return { ok: true, status: "sent", externalId: mail.messageId };
  } catch (error) {
    return failureFromSmtpError(error);
  } finally {
    transport.close();
  }
}
