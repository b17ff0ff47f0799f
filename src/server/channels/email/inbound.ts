import { createHash } from "node:crypto";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { InboundAttachment, InboundItem } from "../provider.ts";
import { conversationFromAddresses, conversationFromSubject, withoutTag } from "./addresses.ts";
import type { EmailChannel } from "./config.ts";
import { automatedReason, headerText, readBounce } from "./loops.ts";
import { splitQuoted } from "./quoted.ts";
import { htmlToPlainText, sanitizeEmailHtml } from "./sanitize.ts";
import { type MailSender, mailSender } from "./sender.ts";

export interface EmailEnvelope {
  /** MAIL FROM of the SMTP transaction ("" for the null sender of bounces). */
  sender?: string | null;
  /** RCPT TO addresses (they carry the conversation token even when Bcc'd or forwarded). */
  recipients?: readonly string[];
  /** IMAP only: the From and Sender addresses of the IMAP ENVELOPE. */
  imapEnvelope?: readonly string[];
}

export interface EmailParseResult {
  items: InboundItem[];
  /** Why nothing was opened (automatic replies, bounces, our own mail); null otherwise. */
  dropped: string | null;
}

/** How much of a quarantined mail's text is kept to read (its raw bytes are kept whole). */
const QUARANTINE_PREVIEW_CHARS = 20_000;

/** At most this many references are kept: enough to thread, bounded for hostile headers. */
const MAX_REFERENCES = 50;

/** Parses a raw RFC 5322 message (any MIME structure and charset) into inbound items. */
export async function parseEmail(
  channel: EmailChannel,
  raw: Buffer,
  envelope: EmailEnvelope = {},
  assigned?: ItemsOptions["assigned"],
): Promise<EmailParseResult> {
  try {
    const mail = await simpleParser(raw, { keepCidLinks: true, keepDeliveryStatus: true });
    return itemsFromMail(channel, mail, { envelope, fallbackId: raw, raw, assigned });
  } catch {
    // Never lost: an admin sees it in the quarantine.
    return {
      dropped: null,
      items: [quarantineItem(null, { raw, fallbackId: raw, envelope }, "unreadable message")],
    };
  }
}

export interface ItemsOptions {
  envelope?: EmailEnvelope;
  /** Hashed into a stable Message-ID for mail that has none, so re-fetching never duplicates. */
  fallbackId: Buffer;
  /** The message as received, kept in the quarantine when it cannot be attributed. */
  raw?: Buffer;
  /** Set when an admin attributed a quarantined mail: this sender, and this contact when given. */
  assigned?: { address: string; name: string | null; contactId?: string };
  /** Set for mail too large to import whole: what was left out. */
  oversize?: {
    size: number;
    skipped: Array<{ filename: string; contentType: string; size: number }>;
  };
}

export function itemsFromMail(
  channel: EmailChannel,
  mail: ParsedMail,
  options: ItemsOptions,
): EmailParseResult {
  const bounce = readBounce(mail);
  if (bounce) {
    return {
      items: [
        {
          type: "status",
          externalId: bounce.messageId,
          status: "failed",
          error: bounce.reason,
          at: mail.date,
        },
      ],
      dropped: "delivery report",
    };
  }
  const found: Pick<MailSender, "address" | "name"> | null =
    options.assigned ??
    mailSender(mail, {
      envelopeSender: options.envelope?.sender,
      imapEnvelope: options.envelope?.imapEnvelope,
      channelAddress: channel.config.address,
    });
  const automated = automatedReason(mail, {
    channelAddress: channel.config.address,
    envelopeSender: options.envelope?.sender,
    from: found?.address,
  });
  if (automated) return { items: [], dropped: automated };
  if (!found) {
    return { dropped: null, items: [quarantineItem(mail, options, "no sender address")] };
  }
  const { address } = found;

  const messageId = messageIdOf(mail, options.fallbackId);
  const inReplyTo = firstId(mail.inReplyTo);
  const references = [...new Set([...listIds(mail.references), ...(inReplyTo ? [inReplyTo] : [])])]
    .filter((id) => id !== messageId)
    .slice(-MAX_REFERENCES);

  const recipients = [
    ...(options.envelope?.recipients ?? []),
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...["delivered-to", "x-original-to"].flatMap(
      (name) => headerText(mail, name)?.split(",") ?? [],
    ),
  ].map((value) => value.trim());
  const key = channel.secrets.tokenKey;
  const conversationNumber =
    conversationFromAddresses(channel.config.address, key, recipients) ??
    conversationFromSubject(key, mail.subject);

  const { html, fullText } = readableText(mail);
  const split = splitQuoted(fullText);
  const attachments: InboundAttachment[] = mail.attachments
    .filter((file) => Buffer.isBuffer(file.content))
    .map((file) => ({
      filename: file.filename ?? defaultName(file.contentType),
      contentType: file.contentType,
      content: file.content,
      contentId: file.contentId?.replace(/^<|>$/g, ""),
      inline:
        file.contentDisposition === "inline" || (file.related === true && Boolean(file.contentId)),
    }));

  const metadata: Record<string, unknown> = {
    email: {
      messageId,
      inReplyTo,
      references,
      from: address,
      replyTo: mail.replyTo?.value[0]?.address?.toLowerCase() ?? null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      subject: mail.subject ?? null,
    },
  };
  if (split.quoted || split.signature) metadata.quoted = fullText;
  if (split.signature) metadata.signature = split.signature;
  if (options.oversize) metadata.oversize = options.oversize;

  return {
    dropped: null,
    items: [
      {
        type: "message",
        message: {
          externalId: messageId,
          // A new mail starts its own thread; a reply names the root of its thread first.
          threadId: references[0] ?? messageId,
          references,
          conversationNumber: conversationNumber ?? undefined,
          text: split.text,
          html,
          subject: withoutTag(mail.subject),
          visibility: "private",
          sentAt: validDate(mail.date),
          contact: {
            identity: {
              kind: "email",
              value: address,
              displayName: found.name,
              // A From header can be forged: it never attaches mail to someone else's contact.
              verified: false,
            },
            name: found.name,
            email: address,
            contactId: options.assigned?.contactId,
          },
          attachments,
          metadata,
        },
      },
    ],
  };
}

/**
 * A mail nobody can be named for, kept whole for an admin to attribute or discard. Its
 * Message-ID (or a hash of its bytes) is its key: the same mail delivered again is kept once.
 */
function quarantineItem(
  mail: ParsedMail | null,
  options: ItemsOptions,
  reason: string,
): InboundItem {
  const raw = options.raw ?? options.fallbackId;
  return {
    type: "quarantine",
    externalId: mail ? messageIdOf(mail, options.fallbackId) : syntheticId(options.fallbackId),
    reason,
    raw,
    from: seenFrom(mail),
    subject: mail?.subject?.slice(0, 500) ?? null,
    text: mail ? readableText(mail).fullText.slice(0, QUARANTINE_PREVIEW_CHARS) : "",
    envelope: {
      sender: options.envelope?.sender ?? null,
      recipients: options.envelope?.recipients ?? [],
    },
  };
}

/** The From header as a person would read it, decoded, whatever it holds. */
function seenFrom(mail: ParsedMail | null): string | null {
  const shown = (mail?.from?.value ?? [])
    .map((entry) =>
      entry.address
        ? entry.name
          ? `${entry.name} <${entry.address}>`
          : entry.address
        : entry.name,
    )
    .filter(Boolean)
    .join(", ");
  return shown.slice(0, 500) || null;
}

function readableText(mail: ParsedMail): { html: string | null; fullText: string } {
  const html =
    typeof mail.html === "string" && mail.html.trim() ? sanitizeEmailHtml(mail.html) : null;
  const fullText = (mail.text?.trim() ? mail.text : html ? htmlToPlainText(html) : "").trim();
  return { html, fullText };
}

function messageIdOf(mail: ParsedMail, fallbackId: Buffer): string {
  return mail.messageId?.trim() || syntheticId(fallbackId);
}

function syntheticId(raw: Buffer): string {
  return `<${createHash("sha256").update(raw).digest("hex").slice(0, 40)}@no-message-id.relais>`;
}

function firstId(value: string | undefined): string | null {
  return listIds(value)[0] ?? null;
}

function listIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(" ") : (value ?? "");
  return joined.match(/<[^<>\s]+>/g) ?? [];
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => [
      ...(entry.address ? [entry.address.toLowerCase()] : []),
      ...(entry.group ?? []).flatMap((member) =>
        member.address ? [member.address.toLowerCase()] : [],
      ),
    ]),
  );
}

function validDate(date: Date | undefined): Date | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  // A sender's clock far in the future must not sort the conversation above everything else.
  return date.getTime() > Date.now() + 5 * 60_000 ? new Date() : date;
}

function defaultName(contentType: string): string {
  const subtype = contentType.split("/")[1]?.split(/[;+]/)[0] ?? "bin";
  return `attachment.${subtype.replace(/[^a-z0-9]/gi, "") || "bin"}`;
}
