import type { AddressObject, ParsedMail } from "mailparser";
import addressparser from "nodemailer/lib/addressparser/index.js";
import { splitAddress } from "./addresses.ts";

/** Who wrote a mail, and which header or envelope said so. */
export interface MailSender {
  address: string;
  name: string | null;
  source: "from" | "reply-to" | "sender" | "envelope" | "return-path";
}

export interface SenderHints {
  /** MAIL FROM of the SMTP transaction ("" for the null sender). */
  envelopeSender?: string | null;
  /** Addresses of the IMAP ENVELOPE (From, then Sender), as the mail server parsed them. */
  imapEnvelope?: readonly string[];
  /** The channel's own address: its domain's forwarders are not the customer. */
  channelAddress: string;
}

/** A plausible mailbox: local part, one @, a domain with a dot, no spaces or brackets. */
const MAILBOX = /^[^\s@<>"(),;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export function isMailbox(value: string | null | undefined): value is string {
  return typeof value === "string" && value.length <= 320 && MAILBOX.test(value);
}

/**
 * The customer behind a mail. From first, re-read when mail programs put the whole
 * `Name <address>` inside one RFC 2047 encoded word (Python's `email` package does, for any
 * name with an accent): mailparser decodes it into a display name with no address, so the
 * decoded text is parsed again. Then Reply-To, Sender, the SMTP envelope sender (or the IMAP
 * envelope) and the Return-Path the delivering server wrote. Envelope senders on the channel's
 * own domain, or rewritten by a forwarder (SRS), name a relay, not the customer. Null when
 * nothing names a mailbox: the mail goes to the quarantine rather than being lost.
 */
export function mailSender(mail: ParsedMail, hints: SenderHints): MailSender | null {
  const headers: Array<[MailSender["source"], AddressObject | undefined]> = [
    ["from", mail.from],
    ["reply-to", mail.replyTo],
    ["sender", addressHeader(mail, "sender")],
  ];
  for (const [source, header] of headers) {
    const found = fromAddressObject(header);
    if (found) return { ...found, source };
  }
  const ownDomain = splitAddress(hints.channelAddress)?.domain;
  const relay = (address: string) =>
    /^srs[01][=+-]/i.test(address) || splitAddress(address)?.domain === ownDomain;
  const envelope = [hints.envelopeSender ?? "", ...(hints.imapEnvelope ?? [])]
    .map((value) => value.trim().toLowerCase())
    .find((value) => isMailbox(value) && !relay(value));
  if (envelope) return { address: envelope, name: displayName(mail.from), source: "envelope" };
  const returnPath = fromAddressObject(addressHeader(mail, "return-path"));
  if (returnPath && !relay(returnPath.address))
    return { address: returnPath.address, name: displayName(mail.from), source: "return-path" };
  return null;
}

function fromAddressObject(header: AddressObject | undefined): Omit<MailSender, "source"> | null {
  for (const entry of header?.value ?? []) {
    const members = entry.group ?? [entry];
    for (const member of members) {
      const address = member.address?.trim().toLowerCase();
      if (isMailbox(address)) return { address, name: member.name?.trim() || null };
      // `=?utf-8?b?…?=` holding `René Dupont <rene@example.fr>`: decoded, it reads as a name.
      const reparsed = member.name ? addressparser(member.name, { flatten: true }) : [];
      for (const inner of reparsed) {
        const innerAddress = inner.address?.trim().toLowerCase();
        if (isMailbox(innerAddress)) return { address: innerAddress, name: inner.name || null };
      }
    }
  }
  return null;
}

/** What the From header shows, for a mail attributed by its envelope. */
function displayName(header: AddressObject | undefined): string | null {
  const name = header?.value[0]?.name?.trim();
  return name && !name.includes("@") ? name : null;
}

function addressHeader(mail: ParsedMail, name: string): AddressObject | undefined {
  const value = mail.headers.get(name);
  if (value && typeof value === "object" && "value" in value && Array.isArray(value.value))
    return value as AddressObject;
  if (typeof value === "string" && value.trim()) {
    const parsed = addressparser(value, { flatten: true });
    return { value: parsed.map((entry) => ({ ...entry })), html: "", text: value };
  }
  return undefined;
}
