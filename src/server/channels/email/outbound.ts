import nodemailer from "nodemailer";
import { type TEmailHeaders, ZEmailHeaders } from "../../../shared/replies.ts";
import type { Message } from "../../db/schema.ts";
import type { OutboundMessage, SendResult } from "../provider.ts";
import { replyAddress, replySubject, splitAddress } from "./addresses.ts";
import { type EmailChannel, readServerUrl } from "./config.ts";
import { LOOP_HEADER } from "./loops.ts";

const MAX_REFERENCES = 20;

interface StoredEmailMetadata {
  references?: string[];
  replyTo?: string | null;
}

function emailMetadata(message: Message | null): StoredEmailMetadata {
  const email = message?.metadata.email;
  return typeof email === "object" && email !== null ? (email as StoredEmailMetadata) : {};
}

/** The subject and recipients the agent chose for this reply (none: the defaults). */
function chosenHeaders(message: Message): TEmailHeaders {
  const parsed = ZEmailHeaders.safeParse(message.metadata.emailHeaders ?? {});
  return parsed.success ? parsed.data : {};
}

function isMessageId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^<[^<>\s]+>$/.test(value);
}

/** The Message-ID Relais gives a reply: stable across retries, so receivers can spot repeats. */
export function outboundMessageId(channel: EmailChannel, message: Message): string {
  const domain = splitAddress(channel.config.address)?.domain ?? "relais.invalid";
  return `<relais.${message.id}@${domain}>`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Paragraphs and line breaks of an agent's plain-text reply, as HTML. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`);
  return `<!doctype html><html><body>${paragraphs.join("\n")}</body></html>`;
}

/** A connection to the channel's SMTP relay (with its credentials), named after its domain. */
export function relayTransport(smtpUrl: string, channel: EmailChannel, timeoutMs: number) {
  const relay = readServerUrl(smtpUrl, { plain: 587, tls: 465 });
  return nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    auth: relay.user ? { user: relay.user, pass: relay.pass ?? "" } : undefined,
    name: splitAddress(channel.config.address)?.domain,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
  });
}

/**
 * Sends an agent's reply through the channel's SMTP relay: From the channel's address,
 * Reply-To carrying the conversation token, threaded under the customer's mail, text and HTML,
 * and the files the agent attached.
 * A 5xx answer is final (the relay's reason is kept); 4xx and network errors are retried.
 */
export async function sendEmail(
  channel: EmailChannel,
  { message, conversation, recipient, inReplyTo, attachments = [] }: OutboundMessage,
  timeoutMs: number,
): Promise<SendResult> {
  if (!channel.secrets.smtpUrl) {
    return {
      ok: false,
      retryable: false,
      reason: "This email channel has no SMTP relay (--smtp-url).",
    };
  }
  const chosen = chosenHeaders(message);
  const to = chosen.to ?? emailMetadata(inReplyTo).replyTo ?? recipient?.value ?? null;
  if (!to || to.length === 0)
    return { ok: false, retryable: false, reason: "The customer has no email address." };

  const key = channel.secrets.tokenKey;
  const messageId = outboundMessageId(channel, message);
  const parent = isMessageId(inReplyTo?.external_id) ? inReplyTo.external_id : null;
  const references = [
    ...new Set([
      ...(emailMetadata(inReplyTo).references ?? []),
      ...(parent
        ? [parent]
        : isMessageId(conversation.external_thread_id)
          ? [conversation.external_thread_id]
          : []),
    ]),
  ]
    .filter(isMessageId)
    .slice(-MAX_REFERENCES);

  const transport = relayTransport(channel.secrets.smtpUrl, channel, timeoutMs);
  try {
    const info = await transport.sendMail({
      from: { name: channel.config.fromName ?? channel.row.name, address: channel.config.address },
      to,
      cc: chosen.cc?.length ? chosen.cc : undefined,
      bcc: chosen.bcc?.length ? chosen.bcc : undefined,
      replyTo: replyAddress(channel.config.address, key, conversation.number),
      // The agent's own subject keeps the conversation's tag, so the answer still finds it;
      // In-Reply-To and References below keep the thread whatever the subject says.
      subject: chosen.subject
        ? replySubject(chosen.subject, key, conversation.number, true)
        : replySubject(conversation.subject, key, conversation.number),
      messageId,
      inReplyTo: parent ?? references.at(-1),
      references: references.length > 0 ? references : undefined,
      text: message.text,
      html: message.html ?? textToHtml(message.text),
      // multipart/mixed around the text and HTML: each file a base64 part with its own
      // Content-Type and a Content-Disposition naming it (RFC 2231 for non-ASCII names).
      attachments: attachments.map((file) => ({
        filename: file.filename,
        content: file.content,
        contentType: file.contentType,
        contentDisposition: "attachment" as const,
      })),
      headers: { [LOOP_HEADER]: channel.row.id },
    });
    return {
      ok: true,
      status: "sent",
      externalId: messageId,
      metadata: {
        email: {
          messageId,
          references,
          to,
          ...(chosen.cc?.length && { cc: chosen.cc }),
          ...(chosen.bcc?.length && { bcc: chosen.bcc }),
          relayResponse: info.response,
        },
      },
    };
  } catch (error) {
    return failureFromSmtpError(error);
  } finally {
    transport.close();
  }
}

export function failureFromSmtpError(error: unknown): SendResult {
  const smtp = error as {
    responseCode?: number;
    response?: string;
    message?: string;
    code?: string;
  };
  const code = smtp.responseCode;
  const detail = (smtp.response ?? smtp.message ?? String(error)).trim();
  if (typeof code === "number" && code >= 500) {
    return {
      ok: false,
      retryable: false,
      reason: `The mail server refused the message: ${detail}`,
    };
  }
  if (typeof code === "number" && code >= 400) {
    return {
      ok: false,
      retryable: true,
      reason: `The mail server deferred the message: ${detail}`,
    };
  }
  return { ok: false, retryable: true, reason: `Could not reach the mail server: ${detail}` };
}
