import { hmacSha256Hex, safeEqual } from "../../crypto/tokens.ts";

/**
 * Conversation tokens. Replies carry the conversation's number and a short HMAC (keyed by the
 * channel's `tokenKey`) in two places: the Reply-To address, by plus-addressing
 * (`support+c1042-7f3a9c1d@example.com`), and a tag in the subject (`[#R-1042-7f3a9c1d]`).
 * The HMAC stops anyone from writing into another customer's conversation by guessing numbers.
 */
const TOKEN_LENGTH = 8;
const ADDRESS_TOKEN = /^c(\d{1,12})-([0-9a-f]{8})$/;
const SUBJECT_TAG = /\[#R-(\d{1,12})-([0-9a-f]{8})\]/i;

function tokenFor(key: string, number: number): string {
  return hmacSha256Hex(key, `conversation:${number}`).slice(0, TOKEN_LENGTH);
}

function checked(key: string, number: number, given: string): number | null {
  return safeEqual(tokenFor(key, number), given.toLowerCase()) ? number : null;
}

/** `local@domain` → `{ local, domain }`, lower-cased; null when it is not an address. */
export function splitAddress(address: string): { local: string; domain: string } | null {
  const at = address.trim().lastIndexOf("@");
  if (at <= 0 || at === address.trim().length - 1) return null;
  const clean = address.trim().toLowerCase();
  return { local: clean.slice(0, at), domain: clean.slice(at + 1) };
}

/** The address without its plus part: `support+c12-ab@x.com` → `support@x.com`. */
export function baseAddress(address: string): string | null {
  const parts = splitAddress(address);
  if (!parts) return null;
  const plus = parts.local.indexOf("+");
  const local = plus === -1 ? parts.local : parts.local.slice(0, plus);
  return `${local}@${parts.domain}`;
}

export function replyAddress(channelAddress: string, key: string, number: number): string {
  const parts = splitAddress(channelAddress);
  if (!parts) return channelAddress;
  return `${parts.local}+c${number}-${tokenFor(key, number)}@${parts.domain}`;
}

export function subjectTag(key: string, number: number): string {
  return `[#R-${number}-${tokenFor(key, number)}]`;
}

/** The conversation number named by a valid token in one of these addresses, if any. */
export function conversationFromAddresses(
  channelAddress: string,
  key: string,
  addresses: readonly string[],
): number | null {
  const own = baseAddress(channelAddress);
  for (const address of addresses) {
    const parts = splitAddress(address);
    if (!parts || baseAddress(address) !== own) continue;
    const plus = parts.local.indexOf("+");
    if (plus === -1) continue;
    const match = ADDRESS_TOKEN.exec(parts.local.slice(plus + 1));
    if (!match?.[1] || !match[2]) continue;
    const number = checked(key, Number(match[1]), match[2]);
    if (number !== null) return number;
  }
  return null;
}

export function conversationFromSubject(key: string, subject: string | null | undefined) {
  const match = subject ? SUBJECT_TAG.exec(subject) : null;
  if (!match?.[1] || !match[2]) return null;
  return checked(key, Number(match[1]), match[2]);
}

/**
 * "Re: Colis abîmé [#R-12-…]" for a conversation whose subject is "Colis abîmé". A subject the
 * agent wrote (`asWritten`) is kept as written, with the tag that finds the conversation again.
 */
export function replySubject(
  subject: string | null,
  key: string,
  number: number,
  asWritten = false,
): string {
  const base = (subject ?? "").replace(SUBJECT_TAG, "").trim();
  const prefixed =
    base === "" || asWritten ? base : /^(re|aw|réf|ref|sv)\s*:/i.test(base) ? base : `Re: ${base}`;
  return `${prefixed} ${subjectTag(key, number)}`.trim();
}

/** Removes our tag from a subject before it is shown as a conversation's title. */
export function withoutTag(subject: string | null | undefined): string | null {
  const clean = subject?.replace(SUBJECT_TAG, "").replace(/\s+/g, " ").trim();
  return clean ? clean : null;
}
